// Reading JSON reports back (for `diff`, `explain` and `collect`): parse errors and reports of another
// major schema version are input errors naming the file and, where known, the line and column.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// Loads a dxassess JSON report. Throws engine::InputError.
nlohmann::ordered_json load_report(const std::string& path);
/// The same, from the report's text already read.
nlohmann::ordered_json parse_report(const std::string& text, const std::string& path);

/// The text of a {"ja": ..., "en": ...} object in the requested language.
/// o[key] when o is an object that has it, else null. Reports come from elsewhere: a missing key
/// must not reach nlohmann's const operator[], whose precondition (the key exists) is only asserted.
const nlohmann::ordered_json& field(const nlohmann::ordered_json& o, const char* key);

std::string text_in(const nlohmann::ordered_json& text, bool english);

}  // namespace dxassess::host
