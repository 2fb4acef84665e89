// `dxassess summary --db FILE`: what the national office compares — per area, the distribution of
// levels and the mean score, or means by prefecture, population band or kind of government — and who
// has not submitted. Text, CSV, JSON or a self-contained HTML dashboard; also the benchmark file
// that municipalities' reports overlay (--benchmark-out).
#include "assessment/installation.hpp"
#include "office/dashboard.hpp"
#include "office/office_commands.hpp"
#include "office/report_store.hpp"
#include "platform/atomic_file.hpp"
#include "support/csv.hpp"
#include "support/exit_codes.hpp"
#include "support/html_escape.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;
using engine::Lang;

const char* prefectures[] = {"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
                             "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
                             "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
                             "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
                             "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"};

std::string prefecture_of(const std::string& code) {
    const int n = std::atoi(code.substr(0, 2).c_str());
    return n >= 1 && n <= 47 ? prefectures[n - 1] : "?";
}

std::string population_band(long long p, bool en) {
    static const struct { long long upto; const char* ja; const char* en; } bands[] = {
        {10000, "1万人未満", "under 10k"}, {50000, "1万〜5万人", "10k-50k"}, {100000, "5万〜10万人", "50k-100k"},
        {300000, "10万〜30万人", "100k-300k"}, {1000000, "30万〜100万人", "300k-1M"}, {-1, "100万人以上", "1M and over"}};
    for (const auto& b : bands)
        if (b.upto < 0 || p < b.upto) return en ? b.en : b.ja;
    return "?";
}

std::string kind_of(const StoredReport& r, bool en) {
    std::string t = r.type;
    if (t.empty() && r.code.size() == 6 && r.code.substr(2, 3) == "000") t = "prefecture";
    if (t == "prefecture") return en ? "prefecture" : "都道府県";
    if (t == "designated_city") return en ? "designated city" : "指定都市";
    if (t == "city" || t == "special_ward") return en ? "city / special ward" : "市・特別区";
    if (t == "town" || t == "village") return en ? "town / village" : "町村";
    return en ? "unknown" : "不明";
}

std::string fmt(double v, int decimals = 2) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

struct AreaStats {
    int n = 0;
    int levels[6] = {0, 0, 0, 0, 0, 0};
    double score_sum = 0, level_sum = 0;
    std::set<std::string> versions;
    double mean_level() const { return n ? level_sum / n : 0; }
    double mean_score() const { return n ? score_sum / n : 0; }
};

struct Group {
    std::string name;
    int n = 0;
    int indexed = 0;  // reports with at least one area assessed: only they have an overall index
    double index_sum = 0;
    std::map<std::string, AreaStats> areas;

    double mean_index() const { return indexed ? index_sum / indexed : 0.0; }
};

/// The installed model's areas in its order, then any other area the reports have.
std::vector<std::string> area_order(const Group& all, const GlobalOptions& g) {
    std::vector<std::string> out;
    const std::string model_file = find_model_file(search_paths(g));
    if (!model_file.empty())
        for (const auto& a : engine::load_model(model_file).areas) out.push_back(a.area);
    for (const auto& [area, stats] : all.areas)
        if (std::find(out.begin(), out.end(), area) == out.end()) out.push_back(area);
    return out;
}

void add(Group& g, const StoredReport& r) {
    ++g.n;
    // Incomplete areas are stored unscored: they are never in a mean, and a report with no area
    // assessed has no index to average.
    if (std::any_of(r.results.begin(), r.results.end(), [](const StoredResult& a) { return a.scored; })) {
        ++g.indexed;
        g.index_sum += r.overall_index;
    }
    for (const auto& a : r.results) {
        if (!a.scored) continue;
        AreaStats& s = g.areas[a.area];
        ++s.n;
        ++s.levels[std::clamp(a.level, 0, 5)];
        s.level_sum += a.level;
        s.score_sum += a.score;
        s.versions.insert(a.rules_version);
    }
}

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

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

}  // namespace

int run_summary(const GlobalOptions& g, const SummaryOptions& o) {
    const Lang lang = g.lang;
    const bool en = lang == Lang::en;
    try {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(o.db, ec))
            throw engine::InputError(engine::Location{o.db}, {"データベースが見つかりません（dxassess collect で作ります）",
                                                              "database not found (dxassess collect creates it)"});
        const ReportStore store(o.db);
        std::optional<int> year = o.year ? std::optional<int>(o.year) : std::nullopt;
        if (!year) {
            const auto years = store.years();
            if (!years.empty()) year = years.back();
        }
        // Groups: one "all" group for the area view, otherwise one per prefecture / band / kind.
        // The reports stream past once; only the groups' counts (and, to find who has not submitted,
        // the codes) stay in memory.
        std::map<std::string, Group> groups;
        Group all;
        all.name = en ? "all" : "全体";
        std::set<std::string> submitted;
        store.for_each_current(year, o.scale, false, [&](const StoredReport& r) {
            add(all, r);
            if (!o.expected_file.empty()) submitted.insert(r.code);
            std::string key;
            if (o.by == "prefecture") key = r.code.substr(0, 2) + " " + prefecture_of(r.code);
            else if (o.by == "population-band") key = population_band(r.population, en);
            else if (o.by == "type") key = kind_of(r, en);
            if (key.empty()) return;
            Group& grp = groups[key];
            grp.name = key;
            add(grp, r);
        });
        const std::vector<std::string> areas = area_order(all, g);
        std::vector<std::string> missing;
        if (!o.expected_file.empty()) {
            std::ifstream in(o.expected_file);
            if (!in) throw engine::InputError(engine::Location{o.expected_file}, {"ファイルを読めません", "cannot read file"});
            std::string line;
            int n = 0;
            while (std::getline(in, line)) {
                ++n;
                line.erase(line.find_last_not_of(" \t\r") + 1);
                if (line.empty() || line[0] == '#') continue;
                if (!engine::valid_local_government_code(line))
                    throw engine::InputError(engine::Location{o.expected_file, static_cast<std::uint32_t>(n), 1},
                                             {"全国地方公共団体コード '" + line + "' が正しくありません", "invalid local government code '" + line + "'"});
                if (!submitted.count(line)) missing.push_back(line);
            }
        }

        json j;
        j["year"] = year ? json(*year) : json(nullptr);
        j["scale"] = o.scale;
        j["scales"] = store.scales();
        j["reports"] = all.n;
        j["stored_reports"] = store.count_reports();  // including earlier submissions kept as history
        j["mean_index"] = all.mean_index();
        json area_rows = json::array();
        for (const auto& a : areas) {
            const AreaStats& s = all.areas[a];
            if (!s.n) continue;
            area_rows.push_back({{"area", a}, {"n", s.n}, {"levels", std::vector<int>(s.levels, s.levels + 6)},
                                 {"mean_level", s.mean_level()}, {"mean_score", s.mean_score()},
                                 {"rules_versions", std::vector<std::string>(s.versions.begin(), s.versions.end())}});
        }
        j["areas"] = area_rows;
        if (o.by != "area") {
            json rows = json::array();
            for (const auto& [key, grp] : groups) {
                json row = {{"group", key}, {"n", grp.n}, {"mean_index", grp.mean_index()}};
                for (const auto& a : areas)
                    if (grp.areas.count(a)) row["mean_level"][a] = grp.areas.at(a).mean_level();
                rows.push_back(std::move(row));
            }
            j["by"] = o.by;
            j["groups"] = std::move(rows);
        }
        if (!o.expected_file.empty()) j["not_submitted"] = missing;

        if (!o.benchmark_out.empty()) {
            std::ostringstream b;
            b << "# dxassess summary: mean levels of " << all.n << " reports (scale " << o.scale << ")\n[benchmark]\n"
              << "name_ja = \"全国平均（dxassess 集計）\"\nname_en = \"National mean (dxassess summary)\"\n"
              << "year = " << (year ? *year : 0) << "\nsource = \"dxassess summary of " << all.n << " reports, scale "
              << o.scale << "\"\n\n[levels]\n";
            for (const auto& row : area_rows) b << row["area"].get<std::string>() << " = " << fmt(row["mean_level"].get<double>(), 3) << "\n";
            write_file_atomically(o.benchmark_out, b.str());
        }

        std::ostringstream out;
        if (o.format == "json") {
            out << j.dump(2) << "\n";
        } else if (o.format == "csv") {
            if (o.bom) out << "\xEF\xBB\xBF";
            if (o.by == "area") {
                out << "area,n,level0,level1,level2,level3,level4,level5,mean_level,mean_score,rules_versions\r\n";
                for (const auto& row : area_rows) {
                    out << row["area"].get<std::string>() << ',' << row["n"].get<int>();
                    for (int l : row["levels"]) out << ',' << l;
                    std::string versions;
                    for (const auto& v : row["rules_versions"]) versions += (versions.empty() ? "" : " ") + v.get<std::string>();
                    out << ',' << fmt(row["mean_level"].get<double>()) << ',' << fmt(row["mean_score"].get<double>(), 1) << ','
                        << csv_field(versions) << "\r\n";
                }
            } else {
                out << "group,n,mean_index";
                for (const auto& a : areas) out << ",mean_level_" << a;
                out << "\r\n";
                for (const auto& row : j["groups"]) {
                    out << csv_field(row["group"].get<std::string>()) << ',' << row["n"].get<int>() << ',' << fmt(row["mean_index"].get<double>(), 1);
                    for (const auto& a : areas)
                        out << ',' << (row.contains("mean_level") && row["mean_level"].contains(a) ? fmt(row["mean_level"][a].get<double>()) : "");
                    out << "\r\n";
                }
            }
        } else if (o.format == "html") {
            out << render_dashboard(j, areas, lang);
        } else {
            out << (en ? "Summary of " : "集計: ") << all.n << (en ? " reports" : " 団体") << (year ? " FY" + std::to_string(*year) : "")
                << (en ? ", scale " : "、尺度 ") << o.scale << (en ? ", mean index " : "、総合指数の平均 ") << fmt(j["mean_index"].get<double>(), 1)
                << "\n";
            if (o.by == "area") {
                out << pad(en ? "area" : "領域", 18) << pad("n", 7) << "L0    L1    L2    L3    L4    L5    " << (en ? "mean level  mean score  rules" : "平均レベル  平均スコア  ルール")
                    << "\n";
                for (const auto& row : area_rows) {
                    out << pad(row["area"].get<std::string>(), 18) << pad(std::to_string(row["n"].get<int>()), 7);
                    for (int l : row["levels"]) out << pad(std::to_string(l), 6);
                    std::string versions;
                    for (const auto& v : row["rules_versions"]) versions += (versions.empty() ? "" : " ") + v.get<std::string>();
                    out << pad(fmt(row["mean_level"].get<double>()), 12) << pad(fmt(row["mean_score"].get<double>(), 1), 12) << versions << "\n";
                }
            } else {
                out << pad(en ? "group" : "区分", 20) << pad("n", 7) << pad(en ? "index" : "指数", 8);
                for (const auto& a : areas) out << pad(a.substr(0, 9), 10);
                out << "\n";
                for (const auto& row : j["groups"]) {
                    out << pad(row["group"].get<std::string>(), 20) << pad(std::to_string(row["n"].get<int>()), 7)
                        << pad(fmt(row["mean_index"].get<double>(), 1), 8);
                    for (const auto& a : areas)
                        out << pad(row.contains("mean_level") && row["mean_level"].contains(a) ? fmt(row["mean_level"][a].get<double>()) : "-", 10);
                    out << "\n";
                }
            }
            if (!o.expected_file.empty()) {
                out << (en ? "not submitted: " : "未提出: ") << missing.size();
                for (const auto& c : missing) out << " " << c;
                out << "\n";
            }
        }
        if (o.output.empty()) std::cout << out.str();
        else write_file_atomically(o.output, out.str());
        return exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    } catch (const std::runtime_error& e) {
        std::cerr << e.what() << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
