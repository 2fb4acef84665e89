# Catch2 for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
if(NOT TARGET Catch2::Catch2)
    add_library(Catch2::Catch2 INTERFACE IMPORTED)
    set_target_properties(Catch2::Catch2 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include")
endif()
# Catch.cmake (catch_discover_tests) runs on the build machine: Debian's module, which honours
# CROSSCOMPILING_EMULATOR.
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/Catch2)
