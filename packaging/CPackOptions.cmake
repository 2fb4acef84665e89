# Per-generator CPack settings (read by cpack at packaging time).
# The .deb installs under /usr; the tarball holds a self-contained tree (bin/, lib/, share/) that
# runs from wherever it is unpacked.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
elseif(CPACK_GENERATOR STREQUAL "NSIS")
    include("${CMAKE_CURRENT_LIST_DIR}/windows/NsisShortcuts.cmake")  # the installer chooses the folder
else()
    set(CPACK_PACKAGING_INSTALL_PREFIX "/")
endif()
