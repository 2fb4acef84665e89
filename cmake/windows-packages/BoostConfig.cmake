# Boost for the Windows cross build: Debian's headers through DXASSESS_WINDOWS_DEPS/include
# (packaging/windows-deps.sh links them there; the version is the one Debian 12 ships).
if(NOT TARGET Boost::headers)
    add_library(Boost::headers INTERFACE IMPORTED)
    set_target_properties(Boost::headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${DXASSESS_WINDOWS_DEPS}/include")
endif()
set(Boost_headers_FOUND TRUE)
