// JSON input: a bound on its nesting, checked before any parser builds a tree of it, and its
// positions and parser messages in the program's own form.
//
// JSON libraries parse deep documents fine, but copying, converting or printing the tree is
// recursive (nlohmann::json copies, the JSON → answers conversion): a 200 KB `[[[…]]]` would
// overflow the stack. Every JSON document the program reads (answers, reports, lock files,
// manifests, batch lines) is checked first.
#pragma once

#include "dxassess/engine/diagnostics.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace dxassess::engine {

/// Deepest nesting of arrays and objects accepted; dxassess's own documents nest under 10.
inline constexpr std::size_t max_json_depth = 64;

/// Throws InputError at the first '[' or '{' nested deeper than max_json_depth. `where` names the
/// text (file, or file and line for one line of a JSON-lines file): the error's line and column are
/// counted from where.line / where.column (1:1 when they are 0). Does not otherwise validate JSON.
void check_json_depth(std::string_view text, const Location& where);

/// The position of byte `offset` of `text`, counted from `start` (line 1, column 1 when unset);
/// columns count code points.
Location location_of_byte(std::string_view text, std::size_t offset, Location start);

/// The words of a JSON parser's message without the position it words in ("... at line 1,
/// column 5: "), since the error's Location gives it: "JSON として読めません: …" / "not valid JSON: …".
Text json_syntax_error(std::string_view parser_message);

}  // namespace dxassess::engine
