# The Windows installer (CPack's NSIS generator, makensis from Debian's nsis): dxassess-<version>-win64.exe.
#
# - Per user, without administrator rights, into %LOCALAPPDATA%\Programs\dxassess; run as an
#   administrator it installs for all users into Program Files (CPack's own logic). Silent with /S,
#   the folder with /D=... (情報政策課 rolling it out to many PCs).
# - Japanese installer pages (English on an English Windows).
# - Start menu: 「回答票（Excel）を作成」 makes (or refreshes, keeping answers) 回答票.xlsx in
#   Documents\dxassess and opens it in Excel; 「評価してレポートを開く」 assesses it and opens the
#   HTML report. On an error the window stays open, showing why.
# - The uninstaller removes what it installed; the answers and reports in Documents\dxassess stay.
# - The SDK (headers, CMake package, examples) is an optional component, off by default.
#
# CPack's NSIS template asks for administrator rights, writes component state under HKLM, is not a
# Unicode installer and has English first. The project's template is derived from the installed
# CMake's at configure time with those four places changed; each must match exactly, or configuring
# stops (a newer CMake is then checked rather than patched blindly), as cmake/PatchedTomlplusplus.cmake does.

set(_template_in "${CMAKE_ROOT}/Modules/Internal/CPack/NSIS.template.in")
set(_template_dir "${CMAKE_BINARY_DIR}/nsis")
file(READ "${_template_in}" _template)

# dxassess_nsis_patch(<exact text> <replacement>)
function(dxassess_nsis_patch from to)
    string(FIND "${_template}" "${from}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${_template_in} does not contain the text packaging/windows/NsisInstaller.cmake changes:\n${from}")
    endif()
    string(REPLACE "${from}" "${to}" text "${_template}")
    set(_template "${text}" PARENT_SCOPE)
endfunction()

dxassess_nsis_patch("; CPack install script designed for a nmake build"
                    "Target amd64-unicode\n; CPack install script designed for a nmake build (dxassess: 64-bit, Unicode, per user)")
dxassess_nsis_patch("RequestExecutionLevel admin" "RequestExecutionLevel user")
dxassess_nsis_patch("HKLM \"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\@CPACK_PACKAGE_INSTALL_REGISTRY_KEY@"
                    "SHCTX \"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\@CPACK_PACKAGE_INSTALL_REGISTRY_KEY@")
dxassess_nsis_patch("StrCpy $INSTDIR \"$DOCUMENTS\\@CPACK_PACKAGE_INSTALL_DIRECTORY@\""
                    "StrCpy $INSTDIR \"$LOCALAPPDATA\\Programs\\@CPACK_PACKAGE_INSTALL_DIRECTORY@\"")
dxassess_nsis_patch("  !insertmacro MUI_LANGUAGE \"Japanese\"\n" "")
dxassess_nsis_patch("!insertmacro MUI_LANGUAGE \"English\" ;first language is the default language"
                    "!insertmacro MUI_LANGUAGE \"Japanese\" ;first language is the default language\n  !insertmacro MUI_LANGUAGE \"English\"")
file(WRITE "${_template_dir}/NSIS.template.in" "${_template}")
file(COPY "${CMAKE_ROOT}/Modules/Internal/CPack/NSIS.InstallOptions.ini.in" DESTINATION "${_template_dir}")
set(CPACK_MODULE_PATH "${_template_dir}")

set(CPACK_GENERATOR "NSIS")
set(CPACK_PACKAGE_FILE_NAME "dxassess-${PROJECT_VERSION}-win64")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "dxassess")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "dxassess")
set(CPACK_NSIS_PACKAGE_NAME "dxassess（自治体DX 成熟度評価）")  # also the Start menu folder
set(CPACK_NSIS_DISPLAY_NAME "dxassess（自治体DX 成熟度評価）")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")  # all users; per user, .onInit picks %LOCALAPPDATA%\Programs
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_UNINSTALL_NAME "uninstall")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/packaging/copyright")

set(CPACK_COMPONENTS_ALL runtime plugins rules sdk)
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "dxassess 本体")
set(CPACK_COMPONENT_RUNTIME_REQUIRED ON)
set(CPACK_COMPONENT_PLUGINS_DISPLAY_NAME "公式プラグイン")
set(CPACK_COMPONENT_PLUGINS_REQUIRED ON)
set(CPACK_COMPONENT_RULES_DISPLAY_NAME "ルール")
set(CPACK_COMPONENT_RULES_REQUIRED ON)
set(CPACK_COMPONENT_SDK_DISPLAY_NAME "プラグイン開発キット（ベンダー向け）")
set(CPACK_COMPONENT_SDK_DESCRIPTION "プラグインを作るためのヘッダー、CMake パッケージ、例 / headers, CMake package and examples for plugin vendors")
set(CPACK_COMPONENT_SDK_DISABLED ON)
# The Start menu entries and the user's folder: packaging/windows/NsisShortcuts.cmake, read by cpack
# itself (CPackOptions.cmake), since CPackConfig.cmake would mangle their quotes.
