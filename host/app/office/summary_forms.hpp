// The forms of `dxassess summary`, each written from the summary's JSON document (see summary.cpp):
// text for the terminal, CSV for Excel, and the HTML dashboard.
#pragma once

#include "dxassess/engine/text.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// Tables for the terminal, with Japanese (or English) names; groups under three are marked.
std::string render_summary_text(const nlohmann::ordered_json& summary, engine::Lang lang);

/// One table, with stable machine keys: one prefecture's governments (--prefecture), else the trend
/// (--trend), else the groups (--by), else who has not submitted (--expected), else the areas.
std::string render_summary_csv(const nlohmann::ordered_json& summary, engine::Lang lang, bool bom);

/// A self-contained HTML page (inline CSS and SVG, no script): level distribution, tile map of
/// Japan, groups, trend, each prefecture's governments and who has not submitted.
std::string render_dashboard(const nlohmann::ordered_json& summary, engine::Lang lang);

}  // namespace dxassess::host
