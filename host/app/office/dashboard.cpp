#include "office/dashboard.hpp"

#include "support/html_escape.hpp"

#include <cstdio>
#include <sstream>

namespace dxassess::host {
namespace {

std::string fmt(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

const char* level_colours[] = {"#d5dbe3", "#b9d0ea", "#8db4de", "#5b91cc", "#2f6fb3", "#1b4f87"};

/// One horizontal bar per area, split by how many governments are at each level.
std::string level_chart(const nlohmann::ordered_json& rows, bool en) {
    const double bar_w = 460, row_h = 30, left = 130;
    std::ostringstream svg;
    const double height = 40 + row_h * static_cast<double>(rows.size());
    svg << "<svg id=\"dashboard-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 " << fmt(height, 0)
        << "\" role=\"img\"><title>" << (en ? "Levels per area" : "領域ごとのレベル分布") << "</title>";
    double y = 10;
    for (const auto& row : rows) {
        const int n = row["n"].get<int>();
        svg << "<text class=\"axis\" x=\"" << fmt(left - 8, 0) << "\" y=\"" << fmt(y + 19, 0) << "\" text-anchor=\"end\">"
            << html_escape(row["area"].get<std::string>()) << "</text>";
        double x = left;
        for (int l = 0; l <= 5; ++l) {
            const int count = row["levels"][static_cast<std::size_t>(l)].get<int>();
            if (!count || !n) continue;
            const double w = bar_w * count / n;
            svg << "<rect class=\"level" << l << "\" x=\"" << fmt(x, 1) << "\" y=\"" << fmt(y + 4, 0) << "\" width=\"" << fmt(w, 1)
                << "\" height=\"" << fmt(row_h - 8, 0) << "\" fill=\"" << level_colours[l] << "\"><title>L" << l << ": " << count
                << "</title></rect>";
            x += w;
        }
        y += row_h;
    }
    for (int l = 0; l <= 5; ++l)
        svg << "<rect x=\"" << fmt(left + 70.0 * l, 0) << "\" y=\"" << fmt(y + 8, 0) << "\" width=\"12\" height=\"12\" fill=\"" << level_colours[l]
            << "\"/><text class=\"axis\" x=\"" << fmt(left + 70.0 * l + 16, 0) << "\" y=\"" << fmt(y + 18, 0) << "\">L" << l << "</text>";
    svg << "</svg>";
    return svg.str();
}

/// Mean overall index per group.
std::string group_chart(const nlohmann::ordered_json& groups, bool en) {
    const double row_h = 24, left = 150, bar_w = 420;
    std::ostringstream svg;
    svg << "<svg id=\"dashboard-groups\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 "
        << fmt(20 + row_h * static_cast<double>(groups.size()), 0) << "\" role=\"img\"><title>"
        << (en ? "Mean overall index per group" : "区分ごとの総合指数の平均") << "</title>";
    double y = 6;
    for (const auto& g : groups) {
        const double idx = g["mean_index"].get<double>();
        svg << "<text class=\"axis\" x=\"" << fmt(left - 8, 0) << "\" y=\"" << fmt(y + 15, 0) << "\" text-anchor=\"end\">"
            << html_escape(g["group"].get<std::string>()) << "</text><rect x=\"" << fmt(left, 0) << "\" y=\"" << fmt(y + 3, 0)
            << "\" width=\"" << fmt(bar_w * idx / 100.0, 1) << "\" height=\"" << fmt(row_h - 8, 0) << "\" fill=\"#2f6fb3\"/>"
            << "<text class=\"axis\" x=\"" << fmt(left + bar_w * idx / 100.0 + 6, 0) << "\" y=\"" << fmt(y + 15, 0) << "\">"
            << fmt(idx, 1) << " (n=" << g["n"].get<int>() << ")</text>";
        y += row_h;
    }
    svg << "</svg>";
    return svg.str();
}

}  // namespace

std::string render_dashboard(const nlohmann::ordered_json& s, const std::vector<std::string>& areas, engine::Lang lang) {
    const bool en = lang == engine::Lang::en;
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "ja") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>"
      << (en ? "DX maturity of local governments" : "自治体 DX 成熟度の集計") << "</title>\n<style>\n"
      << "body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;color:#1d2733;max-width:190mm;margin:0 auto;padding:10mm 8mm;font-size:10.5pt}\n"
      << "h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;border-bottom:2px solid #1f5fa8;margin:7mm 0 3mm}\n"
      << "table{border-collapse:collapse;width:100%;font-size:9.5pt}th,td{border-bottom:1px solid #d5dbe3;padding:1mm 1.5mm;text-align:left}"
      << "td.num{text-align:right;font-variant-numeric:tabular-nums}th{color:#5b6776;white-space:nowrap}\n"
      << "svg{width:100%;height:auto}svg .axis{font-size:12px;fill:#1d2733}.meta{color:#5b6776}\n"
      << "@page{size:A4;margin:12mm}\n</style>\n</head>\n<body>\n";
    h << "<h1>" << (en ? "DX maturity of local governments" : "自治体 DX 成熟度の集計") << "</h1>\n<p class=\"meta\">"
      << (s["year"].is_null() ? std::string() : "FY" + std::to_string(s["year"].get<int>()) + " — ") << s["reports"].get<int>()
      << (en ? " reports — scale " : " 団体 — 尺度 ") << html_escape(s["scale"].get<std::string>()) << (en ? " — mean overall index " : " — 総合指数の平均 ")
      << fmt(s["mean_index"].get<double>(), 1) << "</p>\n";
    h << "<h2>" << (en ? "Levels per area" : "領域ごとのレベル分布") << "</h2>\n" << level_chart(s["areas"], en) << "\n<table>\n<thead><tr><th>"
      << (en ? "area" : "領域") << "</th><th>n</th>";
    for (int l = 0; l <= 5; ++l) h << "<th>L" << l << "</th>";
    h << "<th>" << (en ? "mean level" : "平均レベル") << "</th><th>" << (en ? "mean score" : "平均スコア") << "</th><th>"
      << (en ? "rules" : "ルール") << "</th></tr></thead>\n<tbody>\n";
    for (const auto& row : s["areas"]) {
        h << "<tr><td>" << html_escape(row["area"].get<std::string>()) << "</td><td class=\"num\">" << row["n"].get<int>() << "</td>";
        for (const auto& l : row["levels"]) h << "<td class=\"num\">" << l.get<int>() << "</td>";
        std::string versions;
        for (const auto& v : row["rules_versions"]) versions += (versions.empty() ? "" : " ") + v.get<std::string>();
        h << "<td class=\"num\">" << fmt(row["mean_level"].get<double>(), 2) << "</td><td class=\"num\">" << fmt(row["mean_score"].get<double>(), 1)
          << "</td><td>" << html_escape(versions) << "</td></tr>\n";
    }
    h << "</tbody>\n</table>\n";
    if (s.contains("groups")) {
        h << "<h2>" << html_escape(s["by"].get<std::string>()) << "</h2>\n" << group_chart(s["groups"], en) << "\n<table>\n<thead><tr><th>"
          << (en ? "group" : "区分") << "</th><th>n</th><th>" << (en ? "index" : "指数") << "</th>";
        for (const auto& a : areas) h << "<th>" << html_escape(a) << "</th>";
        h << "</tr></thead>\n<tbody>\n";
        for (const auto& g : s["groups"]) {
            h << "<tr><td>" << html_escape(g["group"].get<std::string>()) << "</td><td class=\"num\">" << g["n"].get<int>() << "</td><td class=\"num\">"
              << fmt(g["mean_index"].get<double>(), 1) << "</td>";
            for (const auto& a : areas)
                h << "<td class=\"num\">" << (g.contains("mean_level") && g["mean_level"].contains(a) ? fmt(g["mean_level"][a].get<double>(), 2) : "—") << "</td>";
            h << "</tr>\n";
        }
        h << "</tbody>\n</table>\n";
    }
    if (s.contains("not_submitted")) {
        h << "<h2>" << (en ? "Not submitted" : "未提出") << " (" << s["not_submitted"].size() << ")</h2>\n<p>";
        for (const auto& c : s["not_submitted"]) h << html_escape(c.get<std::string>()) << " ";
        h << "</p>\n";
    }
    h << "</body>\n</html>\n";
    return h.str();
}

}  // namespace dxassess::host
