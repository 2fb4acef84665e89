# The Windows cross build's libraries: packaging/windows-deps.sh builds them from Debian's source
# packages into DXASSESS_WINDOWS_DEPS on the first configure, and only checks them afterwards.
execute_process(COMMAND bash "${PROJECT_SOURCE_DIR}/packaging/windows-deps.sh" "${DXASSESS_WINDOWS_DEPS}" RESULT_VARIABLE _deps_status)
if(NOT _deps_status EQUAL 0)
    message(FATAL_ERROR "packaging/windows-deps.sh could not build the Windows libraries (see above)")
endif()

# Static libraries only: -lz is Debian's libz.a, not the import library of zlib1.dll. (Set here, after
# project(): the platform files would replace it in the toolchain file.)
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
