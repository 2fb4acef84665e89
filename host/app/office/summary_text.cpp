// `summary` as text and as CSV.
#include "office/summary_forms.hpp"
#include "office/summary_words.hpp"

#include "support/csv.hpp"

#include <cstdio>
#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

std::string fmt_or(const json& v, int decimals, const char* none) { return v.is_number() ? fixed(v.get<double>(), decimals) : none; }

/// Display width of UTF-8 text in a terminal (East Asian characters count two).
std::size_t width(const std::string& s) {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? 2 : 1;
        i += static_cast<std::size_t>(len);
    }
    return w;
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 1, ' '); }

std::string versions_of(const json& row) {
    std::string v;
    for (const auto& s : row["rules_versions"]) v += (v.empty() ? "" : " ") + s.get<std::string>();
    return v;
}

/// The area ids in the summary's order.
std::vector<std::string> area_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& [id, names] : j["area_names"].items()) ids.push_back(id);
    return ids;
}

std::string short_name(const json& j, const std::string& area, bool en) { return in_lang(j["area_names"][area]["short_title"], en); }

const char* by_title(const std::string& by, bool en) {
    if (by == "prefecture") return en ? "prefecture" : "都道府県";
    if (by == "population-band") return en ? "population band" : "人口規模";
    if (by == "type") return en ? "kind of government" : "団体の種類";
    return en ? "peer group (類似団体区分)" : "類似団体区分";
}

}  // namespace

std::string render_summary_text(const json& j, engine::Lang lang) {
    const bool en = lang == engine::Lang::en;
    const std::vector<std::string> areas = area_ids(j);
    std::ostringstream out;
    out << (en ? "Summary of " : "集計: ") << j["reports"].get<int>() << (en ? " reports" : " 団体")
        << (j["year"].is_null() ? "" : " FY" + std::to_string(j["year"].get<int>())) << (en ? ", scale " : "、尺度 ") << j["scale"].get<std::string>()
        << (en ? ", mean index " : "、総合指数の平均 ") << fixed(j["mean_index"].get<double>(), 1) << "\n";
    out << pad(en ? "area" : "領域", 36) << pad("n", 7) << "L0    L1    L2    L3    L4    L5    "
        << (en ? "mean level  mean score  rules" : "平均レベル  平均スコア  ルール") << "\n";
    for (const auto& row : j["areas"]) {
        out << pad(in_lang(row["short_title"], en) + " (" + row["area"].get<std::string>() + ")", 36) << pad(std::to_string(row["n"].get<int>()), 7);
        for (int l : row["levels"]) out << pad(std::to_string(l), 6);
        out << pad(fixed(row["mean_level"].get<double>(), 2), 12) << pad(fixed(row["mean_score"].get<double>(), 1), 12) << versions_of(row) << "\n";
    }
    if (j.contains("groups")) {
        out << "\n" << pad(by_title(j["by"].get<std::string>(), en), 24) << pad("n", 7) << pad(en ? "index" : "指数", 8);
        for (const auto& a : areas) out << pad(short_name(j, a, en), 12);
        out << "\n";
        bool any_suppressed = false;
        for (const auto& row : j["groups"]) {
            const bool suppressed = row["suppressed"].get<bool>();
            any_suppressed |= suppressed;
            out << pad(in_lang(row["label"], en) + (suppressed ? " *" : ""), 24) << pad(std::to_string(row["n"].get<int>()), 7)
                << pad(fmt_or(row["mean_index"], 1, "-"), 8);
            for (const auto& a : areas) out << pad(row["mean_level"].contains(a) ? fixed(row["mean_level"][a].get<double>(), 2) : "-", 12);
            out << "\n";
        }
        if (any_suppressed)
            out << (en ? "* fewer than " : "* ") << j["min_group_size"].get<int>()
                << (en ? " governments: means not shown" : " 団体未満の区分は平均を表示しません") << "\n";
    }
    if (j.contains("trend")) {
        const json& t = j["trend"];
        out << "\n" << (en ? "Trend (mean level per fiscal year, scale " : "推移（年度ごとの平均レベル、尺度 ") << j["scale"].get<std::string>()
            << (en ? ")" : "）") << "\n" << pad(en ? "FY" : "年度", 8) << pad(en ? "reports" : "団体数", 9) << pad(en ? "index" : "指数", 8);
        for (const auto& a : areas) out << pad(short_name(j, a, en), 12);
        out << "\n";
        for (const auto& y : t["years"]) {
            const int year = y["year"].get<int>();
            out << pad(std::to_string(year), 8) << pad(std::to_string(y["reports"].get<int>()), 9) << pad(fixed(y["mean_index"].get<double>(), 1), 8);
            for (const auto& a : areas) {
                std::string cell = "-";
                for (const auto& row : t["areas"])
                    if (row["year"].get<int>() == year && row["area"].get<std::string>() == a) cell = fixed(row["mean_level"].get<double>(), 2);
                out << pad(cell, 12);
            }
            out << "\n";
        }
        if (!t["mixed_rules_versions"].empty()) {
            out << (en ? "note: the years were scored with different rule-set versions in: " : "注意: 年度によってルールの版が異なる領域: ");
            for (const auto& a : t["mixed_rules_versions"]) out << a.get<std::string>() << " ";
            out << (en ? "— re-score them on one scale (dxassess rescore) and use --scale" : "— dxassess rescore で同じ尺度に再採点し --scale で指定してください")
                << "\n";
        }
    }
    if (j.contains("governments") && !j["prefecture"].is_null()) {
        out << "\n" << j["prefecture"].get<std::string>() << ": " << j["governments"].size() << (en ? " governments" : " 団体") << "\n"
            << pad(en ? "code" : "コード", 8) << pad(en ? "name" : "団体名", 18) << pad(en ? "peer group" : "類似団体区分", 16);
        for (const auto& a : areas) out << pad(short_name(j, a, en), 12);
        out << pad(en ? "answered" : "回答率", 9) << (en ? "received" : "受付") << "\n";
        for (const auto& m : j["governments"]) {
            out << pad(m["code"].get<std::string>(), 8) << pad(m["name"].get<std::string>(), 18)
                << pad(m["peer_group_label"].is_null() ? "-" : in_lang(m["peer_group_label"], en), 16);
            for (const auto& a : areas) out << pad(m["levels"].contains(a) && !m["levels"][a].is_null() ? "L" + std::to_string(m["levels"][a].get<int>()) : "-", 12);
            out << pad(fixed(m["completeness"].get<double>() * 100, 0) + "%", 9) << m["received_at"].get<std::string>().substr(0, 10) << "\n";
        }
    }
    if (j.contains("not_submitted")) {
        out << "\n" << (en ? "not submitted: " : "未提出: ") << j["not_submitted"].size() << " / " << j["expected"].get<std::size_t>() << "\n";
        for (const auto& m : j["not_submitted"])
            out << "  " << m["code"].get<std::string>() << " " << m["name"].get<std::string>() << " (" << m["prefecture"].get<std::string>() << ")\n";
    }
    return out.str();
}

std::string render_summary_csv(const json& j, engine::Lang lang, bool bom) {
    const bool en = lang == engine::Lang::en;
    const std::vector<std::string> areas = area_ids(j);
    std::ostringstream out;
    if (bom) out << "\xEF\xBB\xBF";
    if (j.contains("governments") && !j["prefecture"].is_null()) {
        out << "code,name,prefecture,peer_group";
        for (const auto& a : areas) out << ",level_" << a;
        out << ",completeness,received_at,signed_by\r\n";
        for (const auto& m : j["governments"]) {
            out << m["code"].get<std::string>() << ',' << csv_field(m["name"].get<std::string>()) << ',' << m["prefecture"].get<std::string>() << ','
                << (m["peer_group"].is_null() ? "" : m["peer_group"].get<std::string>());
            for (const auto& a : areas)
                out << ',' << (m["levels"].contains(a) && !m["levels"][a].is_null() ? std::to_string(m["levels"][a].get<int>()) : "");
            out << ',' << fixed(m["completeness"].get<double>(), 3) << ',' << m["received_at"].get<std::string>() << ','
                << (m["signed_by"].is_null() ? "" : m["signed_by"].get<std::string>()) << "\r\n";
        }
    } else if (j.contains("trend")) {
        out << "year,area,n,level0,level1,level2,level3,level4,level5,mean_level,mean_score,rules_versions\r\n";
        for (const auto& row : j["trend"]["areas"]) {
            out << row["year"].get<int>() << ',' << row["area"].get<std::string>() << ',' << row["n"].get<int>();
            for (int l : row["levels"]) out << ',' << l;
            out << ',' << fixed(row["mean_level"].get<double>(), 2) << ',' << fixed(row["mean_score"].get<double>(), 1) << ',' << csv_field(versions_of(row))
                << "\r\n";
        }
    } else if (j.contains("groups")) {
        out << "group,label,n,suppressed,mean_index";
        for (const auto& a : areas) out << ",mean_level_" << a;
        out << "\r\n";
        for (const auto& row : j["groups"]) {
            out << csv_field(row["group"].get<std::string>()) << ',' << csv_field(in_lang(row["label"], en)) << ',' << row["n"].get<int>() << ','
                << (row["suppressed"].get<bool>() ? "true" : "false") << ',' << fmt_or(row["mean_index"], 1, "");
            for (const auto& a : areas) out << ',' << (row["mean_level"].contains(a) ? fixed(row["mean_level"][a].get<double>(), 2) : "");
            out << "\r\n";
        }
    } else if (j.contains("not_submitted")) {
        out << "code,name,prefecture\r\n";
        for (const auto& m : j["not_submitted"])
            out << m["code"].get<std::string>() << ',' << csv_field(m["name"].get<std::string>()) << ',' << m["prefecture"].get<std::string>() << "\r\n";
    } else {
        out << "area,n,level0,level1,level2,level3,level4,level5,mean_level,mean_score,rules_versions\r\n";
        for (const auto& row : j["areas"]) {
            out << row["area"].get<std::string>() << ',' << row["n"].get<int>();
            for (int l : row["levels"]) out << ',' << l;
            out << ',' << fixed(row["mean_level"].get<double>(), 2) << ',' << fixed(row["mean_score"].get<double>(), 1) << ',' << csv_field(versions_of(row))
                << "\r\n";
        }
    }
    return out.str();
}

}  // namespace dxassess::host
