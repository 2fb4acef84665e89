# spdlog for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
# Header-only, with fmt header-only too: Debian builds neither for mingw.
if(NOT TARGET spdlog::spdlog)
    add_library(spdlog::spdlog INTERFACE IMPORTED)
    set_target_properties(spdlog::spdlog PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include"
        INTERFACE_COMPILE_DEFINITIONS "SPDLOG_HEADER_ONLY;SPDLOG_FMT_EXTERNAL;FMT_HEADER_ONLY")
endif()
