// Internal: TOML syntax errors explained for the people who make them. Office staff type `78%`,
// full-width digits (３５), full-width spaces and unquoted words; the parser's own message names
// none of that, and it stops at the first error. These hints find every such line.
#pragma once

#include "dxassess/engine/diagnostics.hpp"

#include <string>
#include <vector>

namespace dxassess::engine {

/// Diagnostics for a file the TOML parser refused at `at` with `description`: one per line with a
/// recognised typo (each with a concrete fix), plus the parser's error when no hint covers its line.
std::vector<Diagnostic> explain_syntax_error(const std::string& text, const Location& at, const std::string& description);

}  // namespace dxassess::engine
