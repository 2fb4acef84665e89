// JSON text written directly, byte for byte as nlohmann::json dumps it, for hot paths (batch
// result lines) where building a JSON tree per line would cost more than the scoring.
#pragma once

#include <string>
#include <string_view>

namespace dxassess::host {

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, UTF-8 kept.
void append_json_string(std::string& out, std::string_view s);

/// Appends a number in its shortest round-trip form, with ".0" on whole numbers.
void append_json_number(std::string& out, double d);

}  // namespace dxassess::host
