set(PACKAGE_VERSION 1.10.0)
include("${CMAKE_CURRENT_LIST_DIR}/version_check.cmake")
