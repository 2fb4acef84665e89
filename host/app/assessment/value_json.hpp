// Typed engine values and answers as JSON, to pass a plugin's inputs to an isolated child process
// and its results back.
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/value.hpp"

#include <nlohmann/json.hpp>

namespace dxassess::host {

/// {"t": "b"|"i"|"n"|"s"|"d"|"l"|"u", "v": ...}: the type survives the round trip (1 stays an integer).
nlohmann::json value_to_json(const engine::Value& v);
/// The inverse; throws nlohmann::json::exception on malformed input.
engine::Value value_from_json(const nlohmann::json& j);

/// An answer with everything it holds (value, where it was written, 該当なし, notes, list items, table
/// members), and its inverse: the copy reads exactly as the original. Throws nlohmann::json::exception.
nlohmann::json answer_to_json(const engine::AnswerNode& node);
engine::AnswerNode answer_from_json(const nlohmann::json& j);

/// A profile, and its inverse.
nlohmann::json profile_to_json(const engine::Profile& profile);
engine::Profile profile_from_json(const nlohmann::json& j);

}  // namespace dxassess::host
