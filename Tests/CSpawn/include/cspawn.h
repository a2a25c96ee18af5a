#ifndef CSPAWN_H
#define CSPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` as a child process through posix_spawn: its standard
/// input, output and error are `stdin_fd`, `stdout_fd` and `stderr_fd` (dup2'ed; -1 inherits
/// the parent's), it runs in `directory` (NULL: the parent's), every other descriptor is
/// closed, and its signal mask and dispositions are the defaults. Returns 0 and sets `pid`, or
/// an errno value.
int cspawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
           const char *directory, int stdin_fd, int stdout_fd, int stderr_fd);

#endif
