// JSON text written directly, byte for byte as nlohmann::json dumps it, for hot paths (batch
// result lines, the JSON report) where building a JSON tree first would cost more than the work.
#pragma once

#include <string>
#include <string_view>

namespace dxassess::host {

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, UTF-8 kept,
/// and each invalid UTF-8 sequence replaced by U+FFFD (dump's error_handler_t::replace).
void append_json_string(std::string& out, std::string_view s);

/// Appends a number as dump writes it: its round-trip digits (nlohmann's Grisu2, which is not
/// always the shortest form), ".0" on whole numbers, and null for NaN and infinities.
void append_json_number(std::string& out, double d);

}  // namespace dxassess::host
