#!/bin/sh
# wine-run.sh PREFIX PROGRAM [ARGS...]: runs a Windows program of the cross build under Debian's
# wine64, in the Wine prefix PREFIX (made on first use, under a lock, as tests run in parallel).
# The windows preset's CMAKE_CROSSCOMPILING_EMULATOR; tests and catch_discover_tests run through it.
set -eu
prefix="$1"
shift
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=wine64
if [ ! -f "$prefix/system.reg" ]; then
  mkdir -p "$(dirname "$prefix")"
  (
    flock 9
    [ -f "$prefix/system.reg" ] || "$wine" wineboot --init >/dev/null 2>&1
    wineserver -w
  ) 9>"$prefix.lock"
fi
exec "$wine" "$@"
