set(PACKAGE_VERSION 2.13.10)
include("${CMAKE_CURRENT_LIST_DIR}/version_check.cmake")
