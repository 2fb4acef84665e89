// File names are UTF-8 text throughout dxassess. std::filesystem::path(std::string) reads its
// argument in the system's narrow encoding, which on Windows is the ANSI code page, not UTF-8: every
// name the program builds a path from goes through file_path() instead.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dxassess::engine {

/// The path named by UTF-8 text, on every system.
inline std::filesystem::path file_path(std::string_view utf8) {
    return std::filesystem::path(std::u8string_view(reinterpret_cast<const char8_t*>(utf8.data()), utf8.size()));
}

/// The UTF-8 text of a path (what std::filesystem::path::string() gives with libstdc++ on every
/// system, said explicitly).
inline std::string path_text(const std::filesystem::path& p) {
    const std::u8string text = p.u8string();
    return {reinterpret_cast<const char*>(text.data()), text.size()};
}

}  // namespace dxassess::engine
