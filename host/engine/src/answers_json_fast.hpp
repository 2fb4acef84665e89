// Internal: the fast path for answers given as JSON (batch lines, stored answer sets).
#pragma once

#include "dxassess/engine/answers.hpp"

#include <optional>
#include <string_view>

namespace dxassess::engine {

/// Reads JSON answers straight into Answers when they are valid as they stand, or returns nothing
/// when anything is off (a wrong type, a value out of range, an unknown or repeated key, ...). The
/// caller then takes the checked path, which finds every problem and words it, so the rules and
/// messages live in one place. The nodes carry no positions (JSON lines have no useful ones).
std::optional<Answers> read_valid_answers_json(std::string_view text, const std::string& source,
                                               const AnswerSchema& schema);
/// The same into `into`, reusing the nodes, strings and lists it holds; false (and `into` holding
/// unspecified answers) when the checked path must decide.
bool read_valid_answers_json(std::string_view text, const std::string& source, const AnswerSchema& schema, Answers& into);

/// The checked path alone (answers_json.cpp): JSON turned into a TOML tree and checked as an
/// answers file is. Throws InputError.
/// `origin` places the text: its file, and its line within a JSON-lines file (0 = a file of its own).
Answers parse_answers_json_checked(const std::string& text, const Location& origin, const AnswerSchema& schema);

/// The choice a person wrote: its id, or its label in either language.
const Choice* match_choice(const Question& q, std::string_view s);

}  // namespace dxassess::engine
