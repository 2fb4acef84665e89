// Inline SVG radar chart of the maturity levels (current, target, benchmark).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

struct RadarAxis {
    std::string name;
    std::optional<int> level;       // empty when the area was not scored
    std::optional<int> target;
    std::optional<double> benchmark;
};

struct RadarLabels {
    std::string title;
    std::string current;
    std::string target;
    std::string benchmark;
    std::string not_scored;
};

/// An <svg id="radar"> element; polygons carry the ids radar-current, radar-target and radar-benchmark.
std::string radar_svg(const std::vector<RadarAxis>& axes, const RadarLabels& labels);

}  // namespace dxassess::host
