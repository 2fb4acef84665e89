set(PACKAGE_VERSION 3.11.2)
include("${CMAKE_CURRENT_LIST_DIR}/version_check.cmake")
