// Reading JSON reports back (for `diff` and `explain`): parse errors and reports of another
// major schema version are input errors naming the file and, where known, the line and column.
#pragma once

#include "dxassess/engine/text.hpp"

#include <nlohmann/json.hpp>

#include <functional>

#include <string>

namespace dxassess::host {

/// A whole file's text. Throws engine::InputError naming the file.
std::string read_text_file(const std::string& path);

/// Parses JSON text read from `path`; errors name the file, line and column. Throws engine::InputError.
nlohmann::ordered_json parse_json_text(const std::string& text, const std::string& path);
nlohmann::ordered_json load_json_file(const std::string& path);

/// Loads a dxassess JSON report. Throws engine::InputError.
nlohmann::ordered_json load_report(const std::string& path);
/// The same, from the report's text already read.
nlohmann::ordered_json parse_report(const std::string& text, const std::string& path);

/// Runs f() (which returns an exit code); an unreadable or malformed report becomes exit code 2
/// with its message on stderr.
int with_report_errors(engine::Lang lang, const std::function<int()>& f);

/// The text of a {"ja": ..., "en": ...} object in the requested language.
std::string text_in(const nlohmann::ordered_json& text, bool english);

}  // namespace dxassess::host
