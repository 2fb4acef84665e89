#include "office/dashboard_charts.hpp"
#include "office/summary_words.hpp"

#include "support/html_escape.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

// viridis: luminance falls with the level, so the order survives greyscale printing.
const char* fills[] = {"#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"};
const char* inks[] = {"#1d2733", "#1d2733", "#1d2733", "#ffffff", "#ffffff", "#ffffff"};

}  // namespace

const char* level_fill(int level) { return fills[std::clamp(level, 0, 5)]; }
const char* level_ink(int level) { return inks[std::clamp(level, 0, 5)]; }

std::string level_distribution_chart(const json& s, bool en) {
    const json& rows = s["areas"];
    const double bar_w = 440, row_h = 30, left = 170;
    std::ostringstream svg;
    const double height = 50 + row_h * static_cast<double>(rows.size());
    svg << "<svg id=\"dashboard-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 " << fixed(height, 0) << "\" role=\"img\"><title>"
        << (en ? "Levels per area: how many governments are at each level" : "領域ごとのレベル分布（各レベルの団体数）") << "</title>";
    double y = 10;
    for (const auto& row : rows) {
        const int n = row["n"].get<int>();
        svg << "<text class=\"axis\" x=\"" << fixed(left - 8, 0) << "\" y=\"" << fixed(y + 19, 0) << "\" text-anchor=\"end\">"
            << html_escape(in_lang(row["short_title"], en)) << "</text>";
        double x = left;
        for (int l = 0; l <= 5; ++l) {
            const int count = row["levels"][static_cast<std::size_t>(l)].get<int>();
            if (!count || !n) continue;
            const double w = bar_w * count / n;
            svg << "<rect class=\"level" << l << "\" x=\"" << fixed(x, 1) << "\" y=\"" << fixed(y + 4, 0) << "\" width=\"" << fixed(w, 1) << "\" height=\""
                << fixed(row_h - 8, 0) << "\" fill=\"" << level_fill(l) << "\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>L" << l << ": " << count
                << "</title></rect>";
            if (w >= 22)  // the count on the bar, where it fits
                svg << "<text class=\"value\" x=\"" << fixed(x + w / 2, 1) << "\" y=\"" << fixed(y + 19, 0) << "\" text-anchor=\"middle\" fill=\""
                    << level_ink(l) << "\">" << count << "</text>";
            x += w;
        }
        y += row_h;
    }
    for (int l = 0; l <= 5; ++l)
        svg << "<rect x=\"" << fixed(left + 70.0 * l, 0) << "\" y=\"" << fixed(y + 8, 0) << "\" width=\"12\" height=\"12\" fill=\"" << level_fill(l)
            << "\" stroke=\"#5b6776\" stroke-width=\"0.5\"/><text class=\"axis\" x=\"" << fixed(left + 70.0 * l + 16, 0) << "\" y=\"" << fixed(y + 18, 0)
            << "\">" << (en ? "L" : "レベル") << l << "</text>";
    svg << "</svg>";
    return svg.str();
}

std::string group_chart(const json& s, bool en) {
    const json& groups = s["groups"];
    const double row_h = 24, left = 190, bar_w = 360;
    std::ostringstream svg;
    svg << "<svg id=\"dashboard-groups\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 " << fixed(20 + row_h * static_cast<double>(groups.size()), 0)
        << "\" role=\"img\"><title>" << (en ? "Mean overall index per group" : "区分ごとの総合指数の平均") << "</title>";
    double y = 6;
    for (const auto& g : groups) {
        const bool suppressed = g["suppressed"].get<bool>();
        svg << "<text class=\"axis\" x=\"" << fixed(left - 8, 0) << "\" y=\"" << fixed(y + 15, 0) << "\" text-anchor=\"end\">" << html_escape(in_lang(g["label"], en))
            << "</text>";
        if (suppressed || g["mean_index"].is_null()) {
            svg << "<text class=\"axis muted\" x=\"" << fixed(left, 0) << "\" y=\"" << fixed(y + 15, 0) << "\">"
                << (en ? "n=" + std::to_string(g["n"].get<int>()) + ": fewer than 3, mean not shown"
                       : "n=" + std::to_string(g["n"].get<int>()) + "：3 団体未満のため平均は表示しません")
                << "</text>";
        } else {
            const double idx = g["mean_index"].get<double>();
            svg << "<rect x=\"" << fixed(left, 0) << "\" y=\"" << fixed(y + 3, 0) << "\" width=\"" << fixed(bar_w * idx / 100.0, 1) << "\" height=\""
                << fixed(row_h - 8, 0) << "\" fill=\"" << level_fill(3) << "\"/><text class=\"value\" x=\"" << fixed(left + bar_w * idx / 100.0 + 6, 0)
                << "\" y=\"" << fixed(y + 15, 0) << "\">" << fixed(idx, 1) << " (n=" << g["n"].get<int>() << ")</text>";
        }
        y += row_h;
    }
    svg << "</svg>";
    return svg.str();
}

std::string tile_map(const json& s, bool en) {
    const json& map = s["map"];
    const bool by_level = map["measure"].get<std::string>() == "mean_level";
    const std::string area = by_level ? map["area"].get<std::string>() : std::string();
    const std::string measure = by_level ? (en ? "mean level of " : "平均レベル: ") + in_lang(s["area_names"][area]["short_title"], en)
                                         : std::string(en ? "mean overall index" : "総合指数の平均");
    const double tile = 44, gap = 3;
    std::ostringstream svg;
    svg << "<svg id=\"dashboard-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << fixed(14 * (tile + gap) + 10, 0) << " "
        << fixed(11 * (tile + gap) + 40, 0) << "\" role=\"img\"><title>" << (en ? "Map of Japan by prefecture: " : "都道府県別の地図: ") << html_escape(measure)
        << "</title>";
    for (const auto& p : map["prefectures"]) {
        const double x = 5 + p["column"].get<int>() * (tile + gap), y = 5 + p["row"].get<int>() * (tile + gap);
        const int n = p["n"].get<int>();
        std::optional<double> value;
        if (!p["suppressed"].get<bool>()) {
            if (!by_level && p["mean_index"].is_number()) value = p["mean_index"].get<double>();
            if (by_level && p["mean_level"].contains(area)) value = p["mean_level"][area].get<double>();
        }
        // Five index points make one level step, so both measures share the level palette.
        const int shade = value ? static_cast<int>(std::floor(by_level ? *value : *value / 20.0)) : -1;
        const std::string text = value ? fixed(*value, by_level ? 2 : 1) : n ? std::string("n<3") : std::string("—");
        const std::string name = in_lang(p["label"], en);
        svg << "<g class=\"tile\"><title>" << html_escape(name) << ": "
            << (value ? html_escape(measure) + " " + text + " (n=" + std::to_string(n) + ")"
                      : n ? std::string(en ? "fewer than 3 governments, not shown" : "3 団体未満のため表示しません")
                          : std::string(en ? "no reports" : "提出なし"))
            << "</title><rect x=\"" << fixed(x, 0) << "\" y=\"" << fixed(y, 0) << "\" width=\"" << fixed(tile, 0) << "\" height=\"" << fixed(tile, 0)
            << "\" rx=\"3\" fill=\"" << (shade >= 0 ? level_fill(shade) : "#ffffff") << "\" stroke=\"#8a96a3\"/>"
            << "<text class=\"tile-name\" x=\"" << fixed(x + tile / 2, 1) << "\" y=\"" << fixed(y + 18, 0) << "\" text-anchor=\"middle\" fill=\""
            << (shade >= 0 ? level_ink(shade) : "#1d2733") << "\">" << html_escape(in_lang(p["short_label"], en)) << "</text><text class=\"tile-value\" x=\""
            << fixed(x + tile / 2, 1) << "\" y=\"" << fixed(y + 34, 0) << "\" text-anchor=\"middle\" fill=\"" << (shade >= 0 ? level_ink(shade) : "#1d2733")
            << "\">" << text << "</text></g>";
    }
    // Legend: the palette's steps with the values each stands for.
    const double ly = 11 * (tile + gap) + 12;
    for (int l = 0; l <= 5; ++l) {
        const std::string range = by_level ? (l < 5 ? fixed(l, 0) + "–" + fixed(l + 1, 0) : std::string("5"))
                                           : (l < 5 ? fixed(l * 20, 0) + "–" + fixed(l * 20 + 20, 0) : std::string("100"));
        svg << "<rect x=\"" << fixed(5 + 80.0 * l, 0) << "\" y=\"" << fixed(ly, 0) << "\" width=\"14\" height=\"14\" fill=\"" << level_fill(l)
            << "\" stroke=\"#8a96a3\"/><text class=\"axis\" x=\"" << fixed(23 + 80.0 * l, 0) << "\" y=\"" << fixed(ly + 12, 0) << "\">" << range << "</text>";
    }
    svg << "</svg>";
    return svg.str();
}

std::string trend_chart(const json& s, bool en) {
    const json& t = s["trend"];
    std::vector<int> years;
    for (const auto& y : t["years"]) years.push_back(y["year"].get<int>());
    std::map<std::string, std::vector<std::pair<int, double>>> lines;  // area → (year, mean level)
    for (const auto& row : t["areas"]) lines[row["area"].get<std::string>()].emplace_back(row["year"].get<int>(), row["mean_level"].get<double>());
    const double left = 50, top = 20, w = 400, h = 260;
    const auto x_of = [&](int year) {
        const auto i = std::find(years.begin(), years.end(), year) - years.begin();
        return years.size() < 2 ? left + w / 2 : left + w * static_cast<double>(i) / static_cast<double>(years.size() - 1);
    };
    const auto y_of = [&](double level) { return top + h - h * level / 5.0; };
    // Okabe–Ito colours with a dash pattern each, so lines part even in greyscale.
    static const char* colours[] = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#d55e00", "#0072b2", "#cc79a7", "#8a7a00", "#5b6776"};
    static const char* dashes[] = {"", "6 3", "2 2", "8 3 2 3", "1 3", "10 4", "4 2 1 2", "3 5", "12 2 2 2"};
    std::ostringstream svg;  // the body; the header follows once the height is known
    for (int l = 0; l <= 5; ++l)
        svg << "<line x1=\"" << left << "\" x2=\"" << left + w << "\" y1=\"" << fixed(y_of(l), 1) << "\" y2=\"" << fixed(y_of(l), 1)
            << "\" stroke=\"#d5dbe3\"/><text class=\"axis\" x=\"" << left - 8 << "\" y=\"" << fixed(y_of(l) + 4, 1) << "\" text-anchor=\"end\">" << l
            << "</text>";
    for (int y : years)
        svg << "<text class=\"axis\" x=\"" << fixed(x_of(y), 1) << "\" y=\"" << fixed(top + h + 20, 0) << "\" text-anchor=\"middle\">" << (en ? "FY" : "")
            << y << (en ? "" : "年度") << "</text>";
    // Names at the lines' ends, moved apart where lines end close together.
    struct EndLabel {
        double y;
        std::string text;
        const char* colour;
    };
    std::vector<EndLabel> ends;
    std::size_t k = 0;
    for (const auto& [id, names] : s["area_names"].items()) {
        const auto it = lines.find(id);
        if (it == lines.end()) continue;
        const char* colour = colours[k % 9];
        const char* dash = dashes[k % 9];
        ++k;
        std::string points;
        for (const auto& [year, level] : it->second) points += fixed(x_of(year), 1) + "," + fixed(y_of(level), 1) + " ";
        svg << "<g class=\"trend-line\"><title>" << html_escape(in_lang(names["short_title"], en)) << "</title><polyline fill=\"none\" stroke=\"" << colour
            << "\" stroke-width=\"2\"" << (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string()) << " points=\"" << points << "\"/>";
        for (const auto& [year, level] : it->second)
            svg << "<circle cx=\"" << fixed(x_of(year), 1) << "\" cy=\"" << fixed(y_of(level), 1) << "\" r=\"3\" fill=\"" << colour << "\"/><text class=\"value\" x=\""
                << fixed(x_of(year) + 5, 1) << "\" y=\"" << fixed(y_of(level) - 5, 1) << "\" fill=\"" << colour << "\">" << fixed(level, 1) << "</text>";
        svg << "</g>";
        ends.push_back({y_of(it->second.back().second) + 4, in_lang(names["short_title"], en), colour});
    }
    std::sort(ends.begin(), ends.end(), [](const EndLabel& a, const EndLabel& b) { return a.y < b.y; });
    for (std::size_t i = 1; i < ends.size(); ++i) ends[i].y = std::max(ends[i].y, ends[i - 1].y + 13);
    for (const auto& e : ends)
        svg << "<text class=\"axis\" x=\"" << fixed(left + w + 36, 1) << "\" y=\"" << fixed(e.y, 1) << "\" fill=\"" << e.colour << "\">"
            << html_escape(e.text) << "</text>";
    const double height = std::max(top + h + 40, ends.empty() ? 0.0 : ends.back().y + 10);
    return "<svg id=\"dashboard-trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 " + fixed(height, 0) + "\" role=\"img\"><title>" +
           (en ? "Mean level per area and fiscal year" : "領域ごとの平均レベルの推移") + "</title>" + svg.str() + "</svg>";
}

}  // namespace dxassess::host
