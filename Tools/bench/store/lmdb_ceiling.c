/* The ceiling for Tools/bench/store: the same point reads, durable writes, scan and backup as
   simpeg-bench-store, straight on liblmdb with no Swift layer, no protobuf and no key codec.
   Prints "RESULT name value unit" lines.

     lmdb_ceiling DIR ROWS SECONDS

   Every loop stops at SECONDS of wall time or at a fixed count, whichever comes first. */

#include <lmdb.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHECK(expr)                                                             \
  do {                                                                          \
    int rc_ = (expr);                                                           \
    if (rc_ != 0) {                                                             \
      fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #expr, mdb_strerror(rc_)); \
      exit(1);                                                                  \
    }                                                                           \
  } while (0)

static MDB_env *env;
static MDB_dbi dbi;
static uint64_t rows;
static double window;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t xorshift(uint64_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

static void key_of(uint64_t id, unsigned char out[8]) {
  for (int i = 7; i >= 0; i--) {
    out[i] = id & 0xFF;
    id >>= 8;
  }
}

/* About the size of the Swift side's stored value: a format byte and ~100 bytes of protobuf. */
static size_t value_of(uint64_t id, char out[128]) {
  int n = snprintf(out, 128, "\x01\x0a\x62row-%llu-", (unsigned long long)id);
  while (n < 103) out[n++] = 'v';
  return (size_t)n;
}

static void put(MDB_txn *txn, uint64_t id) {
  unsigned char k[8];
  char v[128];
  key_of(id, k);
  MDB_val key = {8, k}, val = {value_of(id, v), v};
  CHECK(mdb_put(txn, dbi, &key, &val, 0));
}

static void *reader(void *arg) {
  uint64_t state = ((uint64_t)(uintptr_t)arg + 1) * 0x2545F4914F6CDD1DULL;
  uint64_t count = 0;
  double deadline = now() + window;
  MDB_txn *txn;
  CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
  mdb_txn_reset(txn);
  while (count < 100000000ULL) {
    for (int i = 0; i < 256; i++) {
      unsigned char k[8];
      key_of(xorshift(&state) % rows + 1, k);
      MDB_val key = {8, k}, val;
      CHECK(mdb_txn_renew(txn));
      CHECK(mdb_get(txn, dbi, &key, &val));
      mdb_txn_reset(txn);
    }
    count += 256;
    if (now() >= deadline) break;
  }
  mdb_txn_abort(txn);
  return (void *)(uintptr_t)count;
}

static void reads(int threads) {
  pthread_t ids[8];
  double start = now();
  uint64_t total = 0;
  for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, reader, (void *)(uintptr_t)i);
  for (int i = 0; i < threads; i++) {
    void *count;
    pthread_join(ids[i], &count);
    total += (uint64_t)(uintptr_t)count;
  }
  printf("RESULT reads_%dt %.1f reads/s\n", threads, total / (now() - start));
}

/* Durable writes of `batch` rows per transaction: the ceiling for group commit at that size. */
static void writes(int batch, const char *name) {
  uint64_t state = 0x9E3779B9ULL * (batch + 1), count = 0;
  double start = now(), deadline = start + window;
  while (now() < deadline && count < 5000000ULL) {
    MDB_txn *txn;
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (int i = 0; i < batch; i++) put(txn, xorshift(&state) % rows + 1);
    CHECK(mdb_txn_commit(txn));
    count += batch;
  }
  printf("RESULT %s %.1f writes/s\n", name, count / (now() - start));
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: lmdb_ceiling DIR ROWS SECONDS\n");
    return 2;
  }
  const char *dir = argv[1];
  rows = strtoull(argv[2], NULL, 10);
  window = atof(argv[3]);
  mkdir(dir, 0750);
  CHECK(mdb_env_create(&env));
  CHECK(mdb_env_set_mapsize(env, (size_t)1 << 30));
  CHECK(mdb_env_set_maxdbs(env, 4));
  CHECK(mdb_env_set_maxreaders(env, 126));
  CHECK(mdb_env_open(env, dir, MDB_NOTLS, 0640));
  MDB_txn *txn;
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  CHECK(mdb_dbi_open(txn, "rows", MDB_CREATE, &dbi));
  CHECK(mdb_txn_commit(txn));

  double start = now();
  for (uint64_t first = 1; first <= rows; first += 10000) {
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (uint64_t id = first; id < first + 10000 && id <= rows; id++) put(txn, id);
    CHECK(mdb_txn_commit(txn));
  }
  printf("RESULT load %.1f rows/s\n", rows / (now() - start));

  reads(1);
  reads(2);

  start = now();
  uint64_t scanned = 0;
  CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
  MDB_cursor *cursor;
  CHECK(mdb_cursor_open(txn, dbi, &cursor));
  MDB_val key, val;
  int rc = mdb_cursor_get(cursor, &key, &val, MDB_FIRST);
  while (rc == 0) {
    scanned++;
    rc = mdb_cursor_get(cursor, &key, &val, MDB_NEXT);
  }
  mdb_cursor_close(cursor);
  mdb_txn_abort(txn);
  printf("RESULT scan %.1f rows/s\n", scanned / (now() - start));

  char copy[4096];
  snprintf(copy, sizeof copy, "%s-backup.mdb", dir);
  unlink(copy);
  start = now();
  int fd = open(copy, O_WRONLY | O_CREAT | O_EXCL, 0640);
  if (fd < 0) {
    perror(copy);
    return 1;
  }
  CHECK(mdb_env_copyfd2(env, fd, MDB_CP_COMPACT));
  fsync(fd);
  close(fd);
  double elapsed = now() - start;
  struct stat info;
  stat(copy, &info);
  printf("RESULT backup %.1f MB/s\n", info.st_size / elapsed / 1e6);
  unlink(copy);

  writes(1, "writes_per_txn");
  writes(1, "writes_group_1");
  writes(16, "writes_group_16");
  writes(64, "writes_group_64");
  writes(256, "writes_group_256");
  mdb_env_close(env);
  return 0;
}
