// UTF-8 (the program's text and paths) to and from UTF-16 (Windows' wide API). Windows only; used by
// the *_windows.cpp files of this folder.
#pragma once

#include <string>
#include <string_view>

namespace dxassess::host {

std::wstring to_wide(std::string_view utf8);
std::string to_utf8(std::wstring_view wide);

/// Windows' message for an error code (GetLastError()), in English, without the trailing newline.
std::string windows_error(unsigned long code);

}  // namespace dxassess::host
