set(PACKAGE_VERSION 2.1.2)
include("${CMAKE_CURRENT_LIST_DIR}/version_check.cmake")
