// Reading JSON files whole, with errors that name the file, line and column.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// A whole file's text. Throws engine::InputError naming the file.
std::string read_text_file(const std::string& path);

/// Parses JSON text read from `path`; errors name the file, line and column. Throws engine::InputError.
nlohmann::ordered_json parse_json_text(const std::string& text, const std::string& path);
nlohmann::ordered_json load_json_file(const std::string& path);

}  // namespace dxassess::host
