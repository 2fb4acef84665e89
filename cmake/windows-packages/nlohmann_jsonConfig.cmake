# nlohmann_json for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
if(NOT TARGET nlohmann_json::nlohmann_json)
    add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
    set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include")
endif()
