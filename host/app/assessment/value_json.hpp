// Typed engine values as JSON, to pass a plugin's results from an isolated child process.
#pragma once

#include "dxassess/engine/value.hpp"

#include <nlohmann/json.hpp>

namespace dxassess::host {

/// {"t": "b"|"i"|"n"|"s"|"d"|"l"|"u", "v": ...}: the type survives the round trip (1 stays an integer).
nlohmann::json value_to_json(const engine::Value& v);
/// The inverse; throws nlohmann::json::exception on malformed input.
engine::Value value_from_json(const nlohmann::json& j);

}  // namespace dxassess::host
