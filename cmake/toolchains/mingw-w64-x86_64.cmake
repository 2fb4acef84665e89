# Cross build for 64-bit Windows with Debian's mingw-w64 (POSIX thread model, for std::thread and
# std::mutex). Libraries come only from DXASSESS_WINDOWS_DEPS (packaging/windows-deps.sh builds it),
# never from the build machine's /usr/include or /usr/lib.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

if(NOT DXASSESS_WINDOWS_DEPS)
    if(DEFINED ENV{DXASSESS_WINDOWS_DEPS})
        set(DXASSESS_WINDOWS_DEPS "$ENV{DXASSESS_WINDOWS_DEPS}")
    else()
        set(DXASSESS_WINDOWS_DEPS "$ENV{HOME}/.cache/dxassess/windows-deps")
    endif()
endif()
set(DXASSESS_WINDOWS_DEPS "${DXASSESS_WINDOWS_DEPS}" CACHE PATH "Libraries built for Windows by packaging/windows-deps.sh")
# try_compile() projects see these too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES DXASSESS_WINDOWS_DEPS)

set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 "${DXASSESS_WINDOWS_DEPS}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config reads only the Windows libraries' .pc files.
set(ENV{PKG_CONFIG_LIBDIR} "${DXASSESS_WINDOWS_DEPS}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Debian's header-only libraries, seen through DXASSESS_WINDOWS_DEPS/include (cmake/windows-packages/).
foreach(package Boost CLI11 nlohmann_json spdlog tomlplusplus Catch2)
    set(${package}_DIR "${CMAKE_CURRENT_LIST_DIR}/../windows-packages" CACHE PATH "")
endforeach()

# One self-contained .exe: the C and C++ runtimes and winpthreads linked in, no DLLs to ship beside it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")
