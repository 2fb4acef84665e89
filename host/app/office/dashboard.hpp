// The national office's HTML dashboard of a summary: self-contained (inline CSS and SVG charts).
#pragma once

#include "dxassess/engine/text.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dxassess::host {

/// `summary` is the JSON of `dxassess summary --format json`.
std::string render_dashboard(const nlohmann::ordered_json& summary, const std::vector<std::string>& areas, engine::Lang lang);

}  // namespace dxassess::host
