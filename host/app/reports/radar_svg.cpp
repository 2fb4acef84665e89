// The radar chart of the areas' levels, drawn as inline SVG (no scripts, fonts or images: reports
// must open on closed municipal networks).
#include "reports/radar_svg.hpp"

#include "support/html_escape.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace dxassess::host {
namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double cx = 300, cy = 215, radius = 130;

struct Point {
    double x, y;
};

Point at(std::size_t i, std::size_t n, double level) {
    const double angle = -pi / 2 + 2 * pi * static_cast<double>(i) / static_cast<double>(n);
    const double r = radius * level / 5.0;
    return {cx + r * std::cos(angle), cy + r * std::sin(angle)};
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string points(const std::vector<double>& levels) {
    std::string out;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const Point p = at(i, levels.size(), levels[i]);
        out += (i ? " " : "") + fmt(p.x) + "," + fmt(p.y);
    }
    return out;
}

}  // namespace

std::string radar_svg(const std::vector<RadarAxis>& axes, const RadarLabels& labels) {
    const std::size_t n = axes.size();
    std::ostringstream svg;
    svg << "<svg id=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 450\" role=\"img\" aria-labelledby=\"radar-title\">"
        << "<title id=\"radar-title\">" << html_escape(labels.title) << "</title>";
    if (n < 3) return svg.str() + "</svg>";  // a radar needs at least three axes

    // Rings for levels 1..5 and the axes.
    for (int level = 1; level <= 5; ++level)
        svg << "<polygon class=\"ring\" points=\"" << points(std::vector<double>(n, level)) << "\"/>";
    for (std::size_t i = 0; i < n; ++i) {
        const Point p = at(i, n, 5);
        svg << "<line class=\"axis\" x1=\"" << fmt(cx) << "\" y1=\"" << fmt(cy) << "\" x2=\"" << fmt(p.x) << "\" y2=\"" << fmt(p.y) << "\"/>";
    }
    for (int level = 1; level <= 5; ++level) {
        const Point p = at(0, n, level);
        svg << "<text class=\"tick\" x=\"" << fmt(p.x + 4) << "\" y=\"" << fmt(p.y + 4) << "\">" << level << "</text>";
    }

    std::vector<double> current, target, bench;
    bool has_target = false, has_bench = false;
    for (const auto& a : axes) {
        current.push_back(a.level.value_or(0));
        target.push_back(a.target.value_or(a.level.value_or(0)));
        bench.push_back(a.benchmark.value_or(0));
        has_target = has_target || a.target.has_value();
        has_bench = has_bench || a.benchmark.has_value();
    }
    if (has_bench) svg << "<polygon id=\"radar-benchmark\" class=\"benchmark\" points=\"" << points(bench) << "\"/>";
    if (has_target) svg << "<polygon id=\"radar-target\" class=\"target\" points=\"" << points(target) << "\"/>";
    svg << "<polygon id=\"radar-current\" class=\"current\" points=\"" << points(current) << "\"/>";
    for (std::size_t i = 0; i < n; ++i) {
        const Point p = at(i, n, current[i]);
        svg << "<circle class=\"dot\" cx=\"" << fmt(p.x) << "\" cy=\"" << fmt(p.y) << "\" r=\"3.5\"/>";
    }

    // Axis labels: the area name and its level.
    for (std::size_t i = 0; i < n; ++i) {
        const Point p = at(i, n, 6.0);
        const char* anchor = std::fabs(p.x - cx) < 1 ? "middle" : (p.x > cx ? "start" : "end");
        const std::string value = axes[i].level ? std::to_string(*axes[i].level) : labels.not_scored;
        svg << "<text class=\"label\" text-anchor=\"" << anchor << "\" x=\"" << fmt(p.x) << "\" y=\"" << fmt(p.y) << "\">"
            << html_escape(axes[i].name) << "<tspan class=\"value\" x=\"" << fmt(p.x) << "\" dy=\"1.2em\">" << html_escape(value)
            << "</tspan></text>";
    }

    // Legend.
    double y = 440;
    double x = 20;
    const auto legend = [&](const char* cls, const std::string& text) {
        svg << "<rect class=\"" << cls << "\" x=\"" << fmt(x) << "\" y=\"" << fmt(y - 10) << "\" width=\"18\" height=\"10\"/>"
            << "<text class=\"legend\" x=\"" << fmt(x + 24) << "\" y=\"" << fmt(y) << "\">" << html_escape(text) << "</text>";
        x += 40 + 6.5 * static_cast<double>(text.size());
    };
    legend("current", labels.current);
    if (has_target) legend("target", labels.target);
    if (has_bench) legend("benchmark", labels.benchmark);
    svg << "</svg>";
    return svg.str();
}

}  // namespace dxassess::host
