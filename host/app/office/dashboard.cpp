// The national office's HTML dashboard: one self-contained page (inline CSS and SVG, no script,
// no external map data) written from the summary's JSON.
#include "office/dashboard_charts.hpp"
#include "office/summary_forms.hpp"
#include "office/summary_words.hpp"

#include "support/html_escape.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

const char* by_heading(const std::string& by, bool en) {
    if (by == "prefecture") return en ? "By prefecture" : "都道府県別";
    if (by == "population-band") return en ? "By population band" : "人口規模別";
    if (by == "type") return en ? "By kind of government" : "団体の種類別";
    return en ? "By peer group (類似団体区分)" : "類似団体区分別";
}

void area_table(std::ostringstream& h, const json& s, bool en) {
    h << "<table>\n<thead><tr><th>" << (en ? "area" : "領域") << "</th><th class=\"num\">" << (en ? "governments" : "団体数") << "</th>";
    for (int l = 0; l <= 5; ++l) h << "<th class=\"num\">" << (en ? "L" : "レベル") << l << "</th>";
    h << "<th class=\"num\">" << (en ? "mean level" : "平均レベル") << "</th><th class=\"num\">" << (en ? "mean score" : "平均スコア") << "</th><th>"
      << (en ? "rules" : "ルールの版") << "</th></tr></thead>\n<tbody>\n";
    for (const auto& row : s["areas"]) {
        h << "<tr><td>" << html_escape(in_lang(row["title"], en)) << "</td><td class=\"num\">" << row["n"].get<int>() << "</td>";
        for (const auto& l : row["levels"]) h << "<td class=\"num\">" << l.get<int>() << "</td>";
        std::string versions;
        for (const auto& v : row["rules_versions"]) versions += (versions.empty() ? "" : " ") + v.get<std::string>();
        h << "<td class=\"num\">" << fixed(row["mean_level"].get<double>(), 2) << "</td><td class=\"num\">" << fixed(row["mean_score"].get<double>(), 1)
          << "</td><td>" << html_escape(versions) << "</td></tr>\n";
    }
    h << "</tbody>\n</table>\n";
}

void group_table(std::ostringstream& h, const json& s, bool en) {
    h << "<table>\n<thead><tr><th>" << (en ? "group" : "区分") << "</th><th class=\"num\">" << (en ? "governments" : "団体数") << "</th><th class=\"num\">"
      << (en ? "mean index" : "総合指数") << "</th>";
    for (const auto& [id, names] : s["area_names"].items()) h << "<th class=\"num\">" << html_escape(in_lang(names["short_title"], en)) << "</th>";
    h << "</tr></thead>\n<tbody>\n";
    for (const auto& g : s["groups"]) {
        const bool suppressed = g["suppressed"].get<bool>();
        h << "<tr" << (suppressed ? " class=\"suppressed\"" : "") << "><td>" << html_escape(in_lang(g["label"], en)) << (suppressed ? " ※" : "")
          << "</td><td class=\"num\">" << g["n"].get<int>() << "</td><td class=\"num\">"
          << (g["mean_index"].is_number() ? fixed(g["mean_index"].get<double>(), 1) : "—") << "</td>";
        for (const auto& [id, names] : s["area_names"].items())
            h << "<td class=\"num\">" << (g["mean_level"].contains(id) ? fixed(g["mean_level"][id].get<double>(), 2) : "—") << "</td>";
        h << "</tr>\n";
    }
    h << "</tbody>\n</table>\n<p class=\"meta\">※ " << (en ? "fewer than " : "") << s["min_group_size"].get<int>()
      << (en ? " governments: means are not shown, so that no single government can be read off them."
             : " 団体未満の区分は、個々の団体が特定されないよう平均を表示しません。")
      << "</p>\n";
}

void trend_table(std::ostringstream& h, const json& s, bool en) {
    const json& t = s["trend"];
    h << "<table>\n<thead><tr><th>" << (en ? "fiscal year" : "年度") << "</th><th class=\"num\">" << (en ? "governments" : "団体数") << "</th><th class=\"num\">"
      << (en ? "mean index" : "総合指数") << "</th>";
    for (const auto& [id, names] : s["area_names"].items()) h << "<th class=\"num\">" << html_escape(in_lang(names["short_title"], en)) << "</th>";
    h << "</tr></thead>\n<tbody>\n";
    for (const auto& y : t["years"]) {
        const int year = y["year"].get<int>();
        h << "<tr><td>" << year << "</td><td class=\"num\">" << y["reports"].get<int>() << "</td><td class=\"num\">" << fixed(y["mean_index"].get<double>(), 1)
          << "</td>";
        for (const auto& [id, names] : s["area_names"].items()) {
            std::string cell = "—";
            for (const auto& row : t["areas"])
                if (row["year"].get<int>() == year && row["area"].get<std::string>() == id) cell = fixed(row["mean_level"].get<double>(), 2);
            h << "<td class=\"num\">" << cell << "</td>";
        }
        h << "</tr>\n";
    }
    h << "</tbody>\n</table>\n";
    if (!t["mixed_rules_versions"].empty())
        h << "<p class=\"warning\">" << (en ? "The years were scored with different rule-set versions; re-score them on one scale (dxassess rescore) and use --scale."
                                            : "年度によってルールの版が異なります。dxassess rescore で同じ尺度に再採点し、--scale で指定してください。")
          << "</p>\n";
}

/// Each prefecture's governments, folded: level per area, completeness and date received.
void drill_down(std::ostringstream& h, const json& s, bool en) {
    std::map<std::string, std::vector<const json*>> by_prefecture, missing;
    for (const auto& m : s["governments"]) by_prefecture[m["code"].get<std::string>().substr(0, 2)].push_back(&m);
    if (s.contains("not_submitted"))
        for (const auto& m : s["not_submitted"]) missing[m["code"].get<std::string>().substr(0, 2)].push_back(&m);
    h << "<h2>" << (en ? "Governments by prefecture" : "都道府県ごとの団体") << "</h2>\n";
    for (const auto& p : s["map"]["prefectures"]) {
        const std::string key = p["group"].get<std::string>();
        const auto& rows = by_prefecture[key];
        const auto& absent = missing[key];
        if (rows.empty() && absent.empty()) continue;
        h << "<details id=\"pref-" << key << "\"><summary>" << html_escape(in_lang(p["label"], en)) << " — " << rows.size() << (en ? " submitted" : " 団体提出");
        if (!absent.empty()) h << (en ? ", " : "、") << absent.size() << (en ? " not submitted" : " 団体未提出");
        h << "</summary>\n<table>\n<thead><tr><th>" << (en ? "code" : "コード") << "</th><th>" << (en ? "name" : "団体名") << "</th><th>"
          << (en ? "peer group" : "類似団体区分") << "</th>";
        for (const auto& [id, names] : s["area_names"].items()) h << "<th class=\"num\">" << html_escape(in_lang(names["short_title"], en)) << "</th>";
        h << "<th class=\"num\">" << (en ? "answered" : "回答率") << "</th><th>" << (en ? "received" : "受付日") << "</th></tr></thead>\n<tbody>\n";
        for (const json* m : rows) {
            h << "<tr><td>" << (*m)["code"].get<std::string>() << "</td><td>" << html_escape((*m)["name"].get<std::string>()) << "</td><td>"
              << ((*m)["peer_group_label"].is_null() ? "—" : html_escape(in_lang((*m)["peer_group_label"], en))) << "</td>";
            for (const auto& [id, names] : s["area_names"].items()) {
                const json& levels = (*m)["levels"];
                if (levels.contains(id) && !levels[id].is_null()) {
                    const int l = levels[id].get<int>();
                    h << "<td class=\"num level\" style=\"background:" << level_fill(l) << ";color:" << level_ink(l) << "\">" << l << "</td>";
                } else {
                    h << "<td class=\"num\">—</td>";
                }
            }
            h << "<td class=\"num\">" << fixed((*m)["completeness"].get<double>() * 100, 0) << "%</td><td>"
              << html_escape((*m)["received_at"].get<std::string>().substr(0, 10)) << "</td></tr>\n";
        }
        for (const json* m : absent)
            h << "<tr class=\"absent\"><td>" << (*m)["code"].get<std::string>() << "</td><td>" << html_escape((*m)["name"].get<std::string>())
              << "</td><td colspan=\"" << s["area_names"].size() + 3 << "\">" << (en ? "not submitted" : "未提出") << "</td></tr>\n";
        h << "</tbody>\n</table>\n</details>\n";
    }
}

}  // namespace

std::string render_dashboard(const json& s, engine::Lang lang) {
    const bool en = lang == engine::Lang::en;
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "ja") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>"
      << (en ? "DX maturity of local governments" : "自治体 DX 成熟度の集計") << "</title>\n<style>\n"
      << "body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;color:#1d2733;max-width:200mm;margin:0 auto;padding:10mm 8mm;font-size:10.5pt}\n"
      << "h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;border-bottom:2px solid #2a788e;margin:7mm 0 3mm}\n"
      << "table{border-collapse:collapse;width:100%;font-size:9pt;margin:2mm 0}th,td{border-bottom:1px solid #d5dbe3;padding:1mm 1.5mm;text-align:left}"
      << ".num{text-align:right;font-variant-numeric:tabular-nums}th{color:#4a5563;white-space:nowrap}\n"
      << "tr.suppressed td{color:#5b6776}tr.absent td{color:#8a3b00}td.level{text-align:center}\n"
      << "svg{width:100%;height:auto}svg .axis{font-size:12px;fill:#1d2733}svg .value{font-size:11px}svg .muted{fill:#5b6776}"
      << "svg .tile-name{font-size:10px}svg .tile-value{font-size:11px;font-weight:bold}.meta{color:#4a5563}.warning{color:#8a3b00}\n"
      << "details{margin:1mm 0}summary{cursor:pointer}\n@page{size:A4;margin:12mm}\n</style>\n</head>\n<body>\n";
    h << "<h1>" << (en ? "DX maturity of local governments" : "自治体 DX 成熟度の集計") << "</h1>\n<p class=\"meta\">"
      << (s["year"].is_null() ? std::string() : (en ? "FY" : "") + std::to_string(s["year"].get<int>()) + (en ? "" : "年度") + " — ")
      << s["reports"].get<int>() << (en ? " reports — scale " : " 団体 — 尺度 ") << html_escape(s["scale"].get<std::string>())
      << (en ? " — mean overall index " : " — 総合指数の平均 ") << fixed(s["mean_index"].get<double>(), 1) << "</p>\n";

    h << "<h2>" << (en ? "Levels per area" : "領域ごとのレベル分布") << "</h2>\n" << level_distribution_chart(s, en) << "\n";
    area_table(h, s, en);
    h << "<h2>" << (en ? "Map" : "地図") << "</h2>\n" << tile_map(s, en) << "\n";
    if (s.contains("groups")) {
        h << "<h2>" << by_heading(s["by"].get<std::string>(), en) << "</h2>\n" << group_chart(s, en) << "\n";
        group_table(h, s, en);
    }
    if (s.contains("trend")) {
        h << "<h2>" << (en ? "Trend over the fiscal years" : "年度ごとの推移") << "</h2>\n" << trend_chart(s, en) << "\n";
        trend_table(h, s, en);
    }
    if (s.contains("governments")) drill_down(h, s, en);
    if (s.contains("not_submitted")) {
        h << "<h2>" << (en ? "Not submitted" : "未提出") << " (" << s["not_submitted"].size() << " / " << s["expected"].get<std::size_t>() << ")</h2>\n<ul>\n";
        for (const auto& m : s["not_submitted"])
            h << "<li>" << m["code"].get<std::string>() << " " << html_escape(m["name"].get<std::string>()) << "（" << html_escape(m["prefecture"].get<std::string>())
              << "）</li>\n";
        h << "</ul>\n";
    }
    h << "</body>\n</html>\n";
    return h.str();
}

}  // namespace dxassess::host
