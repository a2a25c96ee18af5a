#ifndef SIMPEG_CLMDB_SHIM_H
#define SIMPEG_CLMDB_SHIM_H

#include <lmdb.h>

#endif
