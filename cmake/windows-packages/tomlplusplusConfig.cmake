# tomlplusplus for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
if(NOT TARGET tomlplusplus::tomlplusplus)
    add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
    set_target_properties(tomlplusplus::tomlplusplus PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include")
endif()
