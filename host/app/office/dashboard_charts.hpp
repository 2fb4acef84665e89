// The dashboard's SVG charts, drawn from the summary's JSON. Every chart has a <title> for screen
// readers and prints its values as text; colours come from one palette that stays in order in
// greyscale and is told apart by colour-blind readers (viridis), and is never the only cue.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// Colour of level 0..5 (light to dark) and the text colour that reads on it.
const char* level_fill(int level);
const char* level_ink(int level);

/// One bar per area split by how many governments are at each level, counts printed on the bars.
std::string level_distribution_chart(const nlohmann::ordered_json& summary, bool en);
/// Mean overall index per group, the value printed after each bar; groups under three marked.
std::string group_chart(const nlohmann::ordered_json& summary, bool en);
/// Japan as 47 tiles in their usual places, coloured by the map's measure, each with its value.
std::string tile_map(const nlohmann::ordered_json& summary, bool en);
/// Each area's mean level per fiscal year: one line per area, each with its own dash and marker,
/// the value at every point and the area's name at the line's end.
std::string trend_chart(const nlohmann::ordered_json& summary, bool en);

}  // namespace dxassess::host
