# The installer's Start menu entries and the user's folder (read by cpack, from CPackOptions.cmake).
#   回答票（Excel）を作成: makes (or refreshes, keeping answers) Documents\dxassess\回答票.xlsx and opens it
#   評価してレポートを開く: assesses it into Documents\dxassess\レポート and opens report.html
#   回答とレポートのフォルダー: the folder itself
# Each runs cmd.exe, so that on an error the window stays open (pause) and shows why. The folder is
# made at install and never removed: the uninstaller keeps the user's answers and reports.
set(_docs "$DOCUMENTS\\dxassess")
set(_exe "$INSTDIR\\bin\\dxassess.exe")
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "  CreateDirectory \"${_docs}\"")
set(CPACK_NSIS_CREATE_ICONS_EXTRA "\
  CreateShortCut \"$SMPROGRAMS\\$STARTMENU_FOLDER\\回答票（Excel）を作成.lnk\" \"$SYSDIR\\cmd.exe\" '/c \"\"${_exe}\" init --format xlsx -o \"${_docs}\\回答票.xlsx\" --open || pause\"' \"${_exe}\"
  CreateShortCut \"$SMPROGRAMS\\$STARTMENU_FOLDER\\評価してレポートを開く.lnk\" \"$SYSDIR\\cmd.exe\" '/c \"\"${_exe}\" assess \"${_docs}\\回答票.xlsx\" -o \"${_docs}\\レポート\" --format json,html,xlsx --open || pause\"' \"${_exe}\"
  CreateShortCut \"$SMPROGRAMS\\$STARTMENU_FOLDER\\回答とレポートのフォルダー.lnk\" \"${_docs}\"")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "\
  Delete \"$SMPROGRAMS\\$MUI_TEMP\\回答票（Excel）を作成.lnk\"
  Delete \"$SMPROGRAMS\\$MUI_TEMP\\評価してレポートを開く.lnk\"
  Delete \"$SMPROGRAMS\\$MUI_TEMP\\回答とレポートのフォルダー.lnk\"")
