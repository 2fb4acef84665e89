#!/usr/bin/env bash
# Sets up a Debian 12 machine for dxassess, builds it and assesses the bundled sample municipality.
#   bash packaging/bootstrap.sh              install missing packages, build, write report/report.{json,md}
#   bash packaging/bootstrap.sh --deps-only  only install missing packages
#   add --with-fuzz                          also clang and libFuzzer, for the fuzz preset (docs/fuzzing.md)
#   add --with-windows                       also mingw-w64, Wine and NSIS, for the windows preset (docs/windows.md)
# Runs as root (or with sudo available). Installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ ccache               # build
  libboost-dev libtomlplusplus-dev libspdlog-dev libcli11-dev nlohmann-json3-dev  # libraries
  libssl-dev libxlsxwriter-dev libminizip-dev libexpat1-dev libsqlite3-dev libsimdjson-dev libsodium-dev libseccomp-dev pkg-config
  catch2 python3 python3-jsonschema          # tests (schema validation of reports)
  python3-openpyxl                           # tests (a questionnaire workbook filled by another program)
  chromium poppler-utils fonts-noto-cjk      # tests (the HTML report rendered and printed headless, Japanese glyphs)
  faketime                                   # tests (the same answers give the same report on another day)
  dpkg-dev                                   # .deb dependency detection (dpkg-shlibdeps)
)

deps_only=false
for arg in "$@"; do
  case "$arg" in
    --deps-only) deps_only=true ;;
    --with-fuzz) packages+=(clang libclang-rt-14-dev) ;;  # Debian 12's clang 14 and its libFuzzer runtime
    --with-windows) packages+=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix libz-mingw-w64-dev wine wine64 nsis
                               autoconf automake libtool tcl) ;;  # packaging/windows-deps.sh builds the rest
    *) echo "usage: bash packaging/bootstrap.sh [--deps-only] [--with-fuzz] [--with-windows]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "dxassess: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
$deps_only && exit 0

cmake --preset release
cmake --build --preset release
mkdir -p report
set +e
build/release/stage/bin/dxassess assess rules/samples/sample-city.toml -o report
status=$?
set -e
echo "dxassess: reports written to report/ (report.json, report.md, report.html; exit code $status)"
exit "$status"
