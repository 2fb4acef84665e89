// Reading one field of a JSON object without building a tree: batch's --id-field, which passes a
// value from each input line through to its result line.
#pragma once

#include <string>
#include <string_view>

namespace dxassess::host {

/// The field at `dotted_path` ("profile.code": member "code" of member "profile") of the JSON
/// object `text`, as it is written there: a string (quoted, escapes kept), a number, true or false.
/// "null" when the text is not valid JSON, has no such field, or holds an object, array or null
/// there. `text` may grow in capacity (simdjson reads a few bytes past the end).
std::string json_field_token(std::string& text, std::string_view dotted_path);

}  // namespace dxassess::host
