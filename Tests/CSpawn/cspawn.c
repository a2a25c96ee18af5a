// posix_spawn for the tests' child processes. glibc declares the _np file actions only with
// _GNU_SOURCE, which Swift's Glibc module does not set, hence this file.
#define _GNU_SOURCE
#include "cspawn.h"

#include <signal.h>
#include <spawn.h>

int cspawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
           const char *directory, int stdin_fd, int stdout_fd, int stderr_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  int result = posix_spawn_file_actions_init(&actions);
  if (result != 0) return result;
  result = posix_spawnattr_init(&attributes);
  if (result != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return result;
  }
  const int sources[3] = {stdin_fd, stdout_fd, stderr_fd};
  for (int target = 0; target < 3 && result == 0; target++) {
    if (sources[target] >= 0) result = posix_spawn_file_actions_adddup2(&actions, sources[target], target);
  }
  if (result == 0 && directory != NULL) result = posix_spawn_file_actions_addchdir_np(&actions, directory);
  // Nothing of the test process leaks into the child: sockets of other tests, pipes.
  if (result == 0) result = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  if (result == 0) result = posix_spawnattr_setsigmask(&attributes, &none);
  if (result == 0) result = posix_spawnattr_setsigdefault(&attributes, &all);
  if (result == 0) result = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return result;
}
