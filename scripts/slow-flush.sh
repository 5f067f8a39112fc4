#!/usr/bin/env bash
# Runs a command as on a disk whose flush takes SLOWSYNC_US microseconds (2000 by default): fsync
# and fdatasync sleep that long first, in every process the command starts (LD_PRELOAD is
# inherited, by the embedded PostgreSQL that ccm starts too). This VM flushes in about 0.1 ms
# (`pg_test_fsync`); a CAS server's disk may take 1-5 ms, and a run that commits every document
# (the peer script) pays it a thousand times a month where ccm's group commits pay it some thirty.
#   scripts/slow-flush.sh env REPEAT=3 SIGNING=none scripts/bench.sh county
#   SLOWSYNC_US=5000 scripts/slow-flush.sh env SIGNING=none scripts/bench.sh county
set -euo pipefail
dir=$(mktemp -d /var/tmp/ccm-slow-flush.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/slowsync.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>
static int delay(void) { const char *v = getenv("SLOWSYNC_US"); return v ? atoi(v) : 2000; }
int fdatasync(int fd) { static int (*real)(int); if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync"); usleep(delay()); return real(fd); }
int fsync(int fd) { static int (*real)(int); if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync"); usleep(delay()); return real(fd); }
C
cc=$(command -v cc || command -v clang) || { echo "slow-flush: no C compiler (cc or clang)" >&2; exit 2; }
"$cc" -shared -fPIC -O2 -o "$dir/slowsync.so" "$dir/slowsync.c" -ldl
chmod 755 "$dir"   # the embedded PostgreSQL runs as its own user: it must read the library, or the loader skips it
export SLOWSYNC_US=${SLOWSYNC_US:-2000}
LD_PRELOAD="$dir/slowsync.so" "$@"
