// What the command-line commands share: choosing a language's text and turning input errors into
// messages and exit codes (support/exit_codes.hpp).
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/text.hpp"

#include <functional>
#include <string>

namespace dxassess::host {

/// `ja` or `en`, by the output language.
inline const std::string& tr(engine::Lang lang, const std::string& ja, const std::string& en) { return lang == engine::Lang::en ? en : ja; }

/// Prints an input error (file, line and column, what was expected) and returns exit code 2.
int input_error(const engine::InputError& e, engine::Lang lang);

/// Runs f() (which returns an exit code); an unreadable or malformed report becomes exit code 2
/// with its message on stderr, after `files` (the report, or both reports that `diff` compares).
int with_report_errors(engine::Lang lang, const std::string& files, const std::function<int()>& f);

/// --open: opens a file just written with the desktop's program for it; a note on stderr when it cannot.
void open_written(const std::string& path, engine::Lang lang);

}  // namespace dxassess::host
