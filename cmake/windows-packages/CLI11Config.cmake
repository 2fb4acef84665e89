# CLI11 for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
if(NOT TARGET CLI11::CLI11)
    add_library(CLI11::CLI11 INTERFACE IMPORTED)
    set_target_properties(CLI11::CLI11 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include")
endif()
