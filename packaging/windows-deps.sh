#!/usr/bin/env bash
# Builds the libraries the Windows (mingw-w64) cross build needs and Debian does not ship for mingw,
# from Debian's own source packages, into a cache that later runs reuse:
#   bash packaging/windows-deps.sh [PREFIX]     (default: $DXASSESS_WINDOWS_DEPS or ~/.cache/dxassess/windows-deps)
#
# - Compiled: expat, minizip, libxlsxwriter, libsodium, simdjson, SQLite, each at the
#   version of the Linux -dev package installed here where the mirror still serves that source, so
#   both builds use the same code. zlib itself is Debian's libz-mingw-w64-dev.
# - Header-only (Boost.DLL, TOML++, CLI11, nlohmann-json, spdlog + fmt, Catch2): Debian's headers,
#   linked into PREFIX/include so the cross compiler never sees the host's /usr/include; the CMake
#   package files that find them there are cmake/windows-packages/.
# - Not built: OpenSSL (SHA-256 comes from Windows' BCrypt on Windows) and libseccomp (Linux only).
#
# Source packages need deb-src entries. When the machine has none, they are derived from its own
# Debian sources (the same URIs and suites, Types: deb-src) into one extra file; no host name is
# written here. Needs root (or sudo) only for that and for installing missing packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:-${DXASSESS_WINDOWS_DEPS:-$HOME/.cache/dxassess/windows-deps}}"
triple=x86_64-w64-mingw32
jobs="$(nproc)"

# The source package and the -dev package whose installed version it must match.
libs=(expat:libexpat1-dev minizip:libminizip-dev libxlsxwriter:libxlsxwriter-dev libsodium:libsodium-dev simdjson:libsimdjson-dev
      sqlite3:libsqlite3-dev)
headers=(libboost-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libspdlog-dev libfmt-dev catch2)
tools=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix libz-mingw-w64-dev cmake ninja-build make dpkg-dev pkg-config
       autoconf automake libtool  # Debian's expat and libsodium sources come without configure
       tcl)                       # SQLite generates its amalgamation with tclsh

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
say() { echo "windows-deps: $*" >&2; }
fail() { tail -n 30 "$work/build.log" >&2; say "building $1 failed (its last output is above)"; exit 1; }

missing=()
for p in "${tools[@]}" "${headers[@]}" "${libs[@]#*:}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The cache key: this script and every version it builds from.
key="$( { cat "$0"; for p in "${headers[@]}" "${libs[@]#*:}" libz-mingw-w64-dev g++-mingw-w64-x86-64-posix; do
          dpkg-query -W -f='${Package} ${Version}\n' "$p"; done; } | sha256sum | cut -c1-16)"
if [ -f "$prefix/.stamp" ] && [ "$(cat "$prefix/.stamp")" = "$key" ]; then
  say "up to date in $prefix"
  exit 0
fi

# deb-src entries derived from the machine's Debian entries, unless it already has some.
enable_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; then
    return
  fi
  local derived=/etc/apt/sources.list.d/dxassess-deb-src.sources tmp
  tmp="$(mktemp)"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed -e 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$f" >>"$tmp" && echo >>"$tmp"
  done
  if [ -f /etc/apt/sources.list ]; then
    # one-line format: "deb [opts] URI suite comps" -> "Types/URIs/Suites/Components" stanzas
    grep -E '^deb ' /etc/apt/sources.list | sed -E 's/\[[^]]*\] //' | while read -r _ uri suite comps; do
      printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n\n' "$uri" "$suite" "$comps"
    done >>"$tmp"
  fi
  grep -q '^Types: deb-src' "$tmp" || { say "no Debian apt sources found to derive deb-src entries from"; exit 1; }
  say "enabling source packages in $derived (derived from this machine's apt sources)"
  as_root install -m 644 "$tmp" "$derived"
  rm -f "$tmp"
  as_root apt-get update -q
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$prefix.new"
rm -rf "$stage"
mkdir -p "$stage"/{include,lib/pkgconfig,lib/cmake}

enable_deb_src
cd "$work"
chmod 755 "$work"  # apt's unprivileged downloader writes here
for entry in "${libs[@]}"; do
  src="${entry%%:*}" dev="${entry#*:}"
  installed="$(dpkg-query -W -f='${source:Version}' "$dev")"
  # The installed version first; a mirror may list a source it no longer serves, then the newest other.
  fetched=""
  for version in "$installed" $(apt-cache showsrc "$src" | awk '/^Version:/ {print $2}' | sort -Vru); do
    if apt-get source -qq "$src=$version" >/dev/null 2>&1; then fetched="$version"; break; fi
  done
  [ -n "$fetched" ] || { say "could not fetch the source package $src"; exit 1; }
  [ "$fetched" = "$installed" ] || say "$src: source $installed is not served; built $fetched instead"
  say "fetched $src $fetched"
done

cmake_cross() {  # cmake_cross <source dir> <args...>: a static Release build installed into the stage
  local dir="$1"; shift
  cmake -S "$dir" -B "$dir/build-win" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$here/../cmake/toolchains/mingw-w64-x86_64.cmake" -DDXASSESS_WINDOWS_DEPS="$stage" \
    -DCMAKE_INSTALL_PREFIX="$stage" -DBUILD_SHARED_LIBS=OFF "$@" >"$work/build.log" 2>&1 || fail "$dir"
  { cmake --build "$dir/build-win" -j "$jobs" && cmake --install "$dir/build-win"; } >"$work/build.log" 2>&1 || fail "$dir"
}

autotools_cross() {  # autotools_cross <source dir> <configure args...>
  local dir="$1"; shift
  (cd "$dir" && autoreconf -fi && ./configure --host=$triple --prefix="$stage" --disable-shared --enable-static --disable-dependency-tracking \
     CC=$triple-gcc-posix CFLAGS=-O2 "$@" && make -j "$jobs" && make install) >"$work/build.log" 2>&1 || fail "$dir"
}

say "building expat"
# autotools, as Debian builds it: expat's CMake build defines XML_DTD empty, which a Debian security
# patch (#if XML_DTD == 1) does not expect.
autotools_cross expat-*/expat --without-xmlwf --without-examples --without-tests --without-docbook

say "building minizip"
(
  cd minizip-*/  # a few C files; its autotools build would need autoreconf
  mkdir -p "$stage/include/minizip"
  for c in ioapi.c iowin32.c mztools.c unzip.c zip.c; do
    $triple-gcc-posix -O2 -c "$c" -o "${c%.c}.o"
  done
  $triple-ar rcs "$stage/lib/libminizip.a" ioapi.o iowin32.o mztools.o unzip.o zip.o
  cp crypt.h ioapi.h iowin32.h mztools.h unzip.h zip.h "$stage/include/minizip/"
  version="$(dpkg-query -W -f='${Version}' libminizip-dev)"
  printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\n\nName: minizip\nDescription: zip reading and writing (zlib contrib)\nVersion: %s\nLibs: -L${libdir} -lminizip -lz\nCflags: -I${includedir}/minizip\n' \
    "$prefix" "${version%%-*}" >"$stage/lib/pkgconfig/minizip.pc"
)

say "building libxlsxwriter"
# Its FindMINIZIP reads zlib.h beside minizip/: Debian's mingw zlib headers, linked there.
ln -s /usr/$triple/include/zlib.h /usr/$triple/include/zconf.h "$stage/include/"
cmake_cross libxlsxwriter-*/ -DUSE_SYSTEM_MINIZIP=ON -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF \
  -DZLIB_LIBRARY=/usr/$triple/lib/libz.a

say "building libsodium"
autotools_cross libsodium-*/

say "building simdjson"
cmake_cross simdjson-*/ -DSIMDJSON_DEVELOPER_MODE=OFF -DSIMDJSON_ENABLE_THREADS=OFF

say "building SQLite"
(
  cd sqlite3-*/
  # Its configure takes the target's executable suffix from config_TARGET_EXEEXT (.exe selects the
  # Windows VFS); its generators (lemon, mksourceid) are built for this machine, serially: their
  # rules race under make -j.
  config_TARGET_EXEEXT=.exe ./configure --host=$triple --prefix="$stage" --disable-shared --enable-static --disable-tcl \
    --disable-readline --disable-editline --disable-dependency-tracking CC=$triple-gcc-posix CFLAGS=-O2 BCC=gcc
  make BEXE= CROSS_BUILDING=yes sqlite3.c
  make -j "$jobs" BEXE= CROSS_BUILDING=yes libsqlite3.la
  cp .libs/libsqlite3.a "$stage/lib/"
  cp sqlite3.h sqlite3ext.h "$stage/include/"
) >"$work/build.log" 2>&1 || fail sqlite3

# pkg-config files name the final prefix, not the stage; libxlsxwriter writes with minizip.
sed -i "s|$stage|$prefix|g" "$stage"/lib/pkgconfig/*.pc
sed -i -e "s|-lxlsxwriter -lz|-lxlsxwriter -lminizip -lz|" "$stage/lib/pkgconfig/xlsxwriter.pc"
find "$stage/lib/cmake" -name '*.cmake' -exec sed -i "s|$stage|$prefix|g" {} +

say "linking Debian's header-only libraries"
for d in boost toml++ CLI nlohmann spdlog fmt catch2; do ln -s "/usr/include/$d" "$stage/include/$d"; done

echo "$key" >"$stage/.stamp"
rm -rf "$prefix"
mv "$stage" "$prefix"
say "done: $prefix"
