set(PACKAGE_VERSION 3.3.0)
include("${CMAKE_CURRENT_LIST_DIR}/version_check.cmake")
