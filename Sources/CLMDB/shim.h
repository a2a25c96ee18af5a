#ifndef SIMPEG_CLMDB_SHIM_H
#define SIMPEG_CLMDB_SHIM_H

#include <lmdb.h>
#include <pthread.h>

#ifdef __linux__
/* glibc declares this only under _GNU_SOURCE; the symbol is always there. */
extern int pthread_rwlockattr_setkind_np(pthread_rwlockattr_t *attr, int pref);
#endif

/* Initialises a read-write lock that lets a waiting writer in before new readers.
   Without the preference, a steady stream of readers can starve the map resizer forever. */
static inline int clmdb_rwlock_init_writer_preferred(pthread_rwlock_t *lock) {
  pthread_rwlockattr_t attr;
  int rc = pthread_rwlockattr_init(&attr);
  if (rc != 0) {
    return rc;
  }
#ifdef __linux__
  /* PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP */
  pthread_rwlockattr_setkind_np(&attr, 2);
#endif
  rc = pthread_rwlock_init(lock, &attr);
  pthread_rwlockattr_destroy(&attr);
  return rc;
}

#endif
