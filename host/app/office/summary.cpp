// `dxassess summary --db FILE`: what the national office compares — per area, the distribution of
// levels and the mean score; means by prefecture, population band, kind of government or
// 類似団体区分; the trend over fiscal years; one prefecture's governments; who has not submitted.
// Text, CSV, JSON or a self-contained HTML dashboard (office/dashboard.hpp); also the benchmark
// file that municipalities' reports overlay (--benchmark-out). Everything is computed into one
// JSON document first, and every format is written from it.
#include "office/office_commands.hpp"
#include "office/prefectures.hpp"
#include "office/report_store.hpp"
#include "office/summary_forms.hpp"
#include "office/summary_words.hpp"
#include "office/summary_groups.hpp"
#include "assessment/installation.hpp"
#include "platform/atomic_file.hpp"
#include "support/csv.hpp"
#include "support/exit_codes.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/rule_set.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
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

json text_json(const engine::Text& t) { return {{"ja", t.ja}, {"en", t.en}}; }

struct AreaStats {
    int n = 0;
    int levels[6] = {0, 0, 0, 0, 0, 0};
    double score_sum = 0, level_sum = 0;
    std::set<std::string> versions;
    double mean_level() const { return n ? level_sum / n : 0; }
    double mean_score() const { return n ? score_sum / n : 0; }
};

struct Group {
    GroupKey key;
    int n = 0;
    int indexed = 0;  // reports with at least one area assessed: only they have an overall index
    double index_sum = 0;
    std::map<std::string, AreaStats> areas;

    double mean_index() const { return indexed ? index_sum / indexed : 0.0; }
    bool suppressed() const { return n < min_group_size; }

    void add(const StoredReport& r) {
        ++n;
        // Incomplete areas are stored unscored: they are never in a mean, and a report with no
        // area assessed has no index to average.
        if (std::any_of(r.results.begin(), r.results.end(), [](const StoredResult& a) { return a.scored; })) {
            ++indexed;
            index_sum += r.overall_index;
        }
        for (const auto& a : r.results) {
            if (!a.scored) continue;
            AreaStats& s = areas[a.area];
            ++s.n;
            ++s.levels[std::clamp(a.level, 0, 5)];
            s.level_sum += a.level;
            s.score_sum += a.score;
            s.versions.insert(a.rules_version);
        }
    }
};

/// Groups in their natural order.
std::vector<const Group*> ordered(const std::map<std::string, Group>& groups) {
    std::vector<const Group*> out;
    for (const auto& [k, g] : groups) out.push_back(&g);
    std::sort(out.begin(), out.end(), [](const Group* a, const Group* b) { return a->key.order < b->key.order; });
    return out;
}

struct AreaInfo {
    std::string id;
    engine::Text title, short_title;
};

/// The installed model's areas in its order, with their names, then any other area the reports have.
std::vector<AreaInfo> area_order(const std::set<std::string>& seen, const GlobalOptions& g) {
    std::vector<AreaInfo> out;
    const std::string model_file = find_model_file(search_paths(g));
    if (!model_file.empty())
        for (const auto& a : engine::load_model(model_file).areas)
            out.push_back({a.area, a.title, a.short_title.ja.empty() ? a.title : a.short_title});
    for (const auto& area : seen)
        if (std::none_of(out.begin(), out.end(), [&](const AreaInfo& a) { return a.id == area; })) out.push_back({area, {area, area}, {area, area}});
    return out;
}

json area_rows(const Group& all, const std::vector<AreaInfo>& areas) {
    json rows = json::array();
    for (const auto& a : areas) {
        const auto it = all.areas.find(a.id);
        if (it == all.areas.end()) continue;
        const AreaStats& s = it->second;
        rows.push_back({{"area", a.id}, {"title", text_json(a.title)}, {"short_title", text_json(a.short_title)}, {"n", s.n},
                        {"levels", std::vector<int>(s.levels, s.levels + 6)}, {"mean_level", s.mean_level()}, {"mean_score", s.mean_score()},
                        {"rules_versions", std::vector<std::string>(s.versions.begin(), s.versions.end())}});
    }
    return rows;
}

/// A group's row: its means only when it has at least min_group_size governments.
json group_row(const Group& g, const std::vector<AreaInfo>& areas) {
    json row = {{"group", g.key.key}, {"label", text_json(g.key.label)}, {"n", g.n}, {"suppressed", g.suppressed()}};
    row["mean_index"] = g.suppressed() || !g.indexed ? json(nullptr) : json(g.mean_index());
    row["mean_level"] = json::object();
    if (!g.suppressed())
        for (const auto& a : areas)
            if (const auto it = g.areas.find(a.id); it != g.areas.end()) row["mean_level"][a.id] = it->second.mean_level();
    return row;
}

/// One government's line in a prefecture's list.
json municipality_row(const StoredReport& r) {
    json levels = json::object();
    double least = 1;
    for (const auto& a : r.results) {
        levels[a.area] = a.scored ? json(a.level) : json(nullptr);
        least = std::min(least, a.completeness);
    }
    const engine::PeerGroup* pg = r.peer_group.empty() ? nullptr : engine::find_peer_group(r.peer_group);
    return {{"code", r.code},
            {"name", r.name},
            {"prefecture", prefecture_of_code(r.code) ? prefecture_of_code(r.code)->name : ""},
            {"peer_group", r.peer_group.empty() ? json(nullptr) : json(r.peer_group)},
            {"peer_group_label", pg ? text_json(pg->label) : json(nullptr)},
            {"levels", std::move(levels)},
            {"completeness", least},
            {"received_at", r.received_at},
            {"signed_by", r.signer.empty() ? json(nullptr) : json(r.signer)}};
}

struct Expected {
    std::string code, name;
};

/// The governments expected to submit: CSV of code and name (a header row and a lone code column
/// are fine; # starts a comment).
std::vector<Expected> read_expected(const std::string& path) {
    std::ifstream in(engine::file_path(path), std::ios::binary);
    if (!in) throw engine::InputError(engine::Location{path}, {"ファイルを読めません", "cannot read the file"});
    std::vector<Expected> out;
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells = csv_fields(line);
        for (auto& c : cells) {
            c.erase(0, c.find_first_not_of(" \t"));
            c.erase(c.find_last_not_of(" \t") + 1);
        }
        if (n == 1 && cells[0] == "code") continue;  // the header row
        if (!engine::valid_local_government_code(cells[0]))
            throw engine::InputError(engine::Location{path, n, 1}, {"全国地方公共団体コード '" + cells[0] + "' が正しくありません",
                                                                    "invalid local government code '" + cells[0] + "'"});
        out.push_back({cells[0], cells.size() > 1 ? cells[1] : std::string()});
    }
    return out;
}

void write_benchmark(const std::string& path, const json& j, const std::map<std::string, Group>& peer_groups, const std::vector<AreaInfo>& areas,
                     const std::string& scale) {
    const int reports = j["reports"].get<int>();
    std::ostringstream b;
    b << "# dxassess summary: mean levels of " << reports << " reports (scale " << scale << ")\n[benchmark]\n"
      << "name_ja = \"全国平均（dxassess 集計）\"\nname_en = \"National mean (dxassess summary)\"\n"
      << "year = " << (j["year"].is_null() ? 0 : j["year"].get<int>()) << "\nsource = \"dxassess summary of " << reports << " reports, scale "
      << scale << "\"\n\n[levels]\n";
    for (const auto& row : j["areas"]) b << row["area"].get<std::string>() << " = " << fixed(row["mean_level"].get<double>(), 3) << "\n";
    // Each 類似団体区分 of three or more: assess --benchmark shows the municipality's own group.
    for (const Group* g : ordered(peer_groups)) {
        if (g->suppressed() || g->key.key == "none") continue;
        b << "\n[peer_groups." << g->key.key << "]  # " << g->key.label.ja << "\nn = " << g->n << "\n[peer_groups." << g->key.key << ".levels]\n";
        for (const auto& a : areas)
            if (const auto it = g->areas.find(a.id); it != g->areas.end()) b << a.id << " = " << fixed(it->second.mean_level(), 3) << "\n";
    }
    write_file_atomically(path, b.str());
}

}  // namespace

int run_summary(const GlobalOptions& g, const SummaryOptions& o) {
    const Lang lang = g.lang;
    try {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(engine::file_path(o.db), ec))
            throw engine::InputError(engine::Location{o.db}, {"データベースが見つかりません（dxassess collect で作ります）",
                                                              "database not found (dxassess collect creates it)"});
        const Prefecture* only_prefecture = nullptr;
        if (!o.prefecture.empty() && !(only_prefecture = find_prefecture(o.prefecture)))
            throw engine::InputError(engine::Location{"--prefecture"}, {"都道府県 '" + o.prefecture + "' が分かりません（01〜47 か名前）",
                                                                        "unknown prefecture '" + o.prefecture + "' (01..47 or a name)"});
        const ReportStore store(o.db);
        const std::vector<int> years = store.years();
        const std::optional<int> year = o.year ? std::optional<int>(o.year) : years.empty() ? std::nullopt : std::optional<int>(years.back());
        const std::vector<Expected> expected = o.expected_file.empty() ? std::vector<Expected>{} : read_expected(o.expected_file);

        // The reports stream past once (every year when the trend is asked for); only the groups'
        // counts, and the rows of the prefecture lists when they are shown, stay in memory.
        Group all;
        std::map<std::string, Group> groups, by_prefecture, by_peer_group;
        std::map<int, Group> by_year;
        std::set<std::string> submitted, seen_areas;
        const bool list_governments = o.format == "html" || only_prefecture;
        json governments = json::array();
        const auto into = [](std::map<std::string, Group>& m, const GroupKey& k) -> Group& {
            Group& grp = m[k.key];
            grp.key = k;
            return grp;
        };
        store.for_each_current(o.trend ? std::nullopt : year, o.scale, false, [&](const StoredReport& r) {
            if (o.trend) by_year[r.fiscal_year].add(r);
            if (r.fiscal_year != year) return;
            all.add(r);
            for (const auto& a : r.results) seen_areas.insert(a.area);
            submitted.insert(r.code);
            if (o.by != "area") into(groups, group_of(o.by, r)).add(r);
            into(by_prefecture, group_of("prefecture", r)).add(r);
            into(by_peer_group, group_of("peer-group", r)).add(r);
            if (list_governments && (!only_prefecture || prefecture_of_code(r.code) == only_prefecture)) governments.push_back(municipality_row(r));
        });
        for (const auto& [y, grp] : by_year)
            for (const auto& [area, s] : grp.areas) seen_areas.insert(area);
        const std::vector<AreaInfo> areas = area_order(seen_areas, g);
        if (!o.map_area.empty() && std::none_of(areas.begin(), areas.end(), [&](const AreaInfo& a) { return a.id == o.map_area; }))
            throw engine::InputError(engine::Location{"--map-area"}, {"不明な領域 '" + o.map_area + "'", "unknown area '" + o.map_area + "'"});

        json j;
        j["year"] = year ? json(*year) : json(nullptr);
        j["scale"] = o.scale;
        j["scales"] = store.scales();
        j["reports"] = all.n;
        j["stored_reports"] = store.count_reports();  // including earlier submissions kept as history
        j["mean_index"] = all.mean_index();
        j["min_group_size"] = min_group_size;
        j["areas"] = area_rows(all, areas);
        if (o.by != "area") {
            j["by"] = o.by;
            j["groups"] = json::array();
            for (const Group* grp : ordered(groups)) j["groups"].push_back(group_row(*grp, areas));
        }
        // Every prefecture, for the map: those without reports too.
        j["map"] = {{"measure", o.map_area.empty() ? "mean_index" : "mean_level"}, {"area", o.map_area.empty() ? json(nullptr) : json(o.map_area)},
                    {"prefectures", json::array()}};
        for (const auto& p : prefectures()) {
            char key[3];
            std::snprintf(key, sizeof key, "%02d", p.number);
            const auto it = by_prefecture.find(key);
            Group empty;
            empty.key = {key, {p.name, p.english}, p.number};
            json row = group_row(it == by_prefecture.end() ? empty : it->second, areas);
            row["short_label"] = {{"ja", p.short_name}, {"en", p.english}};
            row["column"] = p.column;
            row["row"] = p.row;
            j["map"]["prefectures"].push_back(std::move(row));
        }
        if (o.trend) {
            json rows = json::array();
            std::map<std::string, std::set<std::string>> versions;  // area → versions across the years
            for (const auto& [y, grp] : by_year)
                for (const auto& a : areas) {
                    const auto it = grp.areas.find(a.id);
                    if (it == grp.areas.end()) continue;
                    const AreaStats& s = it->second;
                    versions[a.id].insert(s.versions.begin(), s.versions.end());
                    rows.push_back({{"year", y}, {"area", a.id}, {"n", s.n}, {"levels", std::vector<int>(s.levels, s.levels + 6)},
                                    {"mean_level", s.mean_level()}, {"mean_score", s.mean_score()},
                                    {"rules_versions", std::vector<std::string>(s.versions.begin(), s.versions.end())}});
                }
            json mixed = json::array();
            for (const auto& [area, v] : versions)
                if (v.size() > 1) mixed.push_back(area);
            json year_rows = json::array();
            for (const auto& [y, grp] : by_year) year_rows.push_back({{"year", y}, {"reports", grp.n}, {"mean_index", grp.mean_index()}});
            j["trend"] = {{"years", std::move(year_rows)}, {"areas", std::move(rows)}, {"mixed_rules_versions", std::move(mixed)}};
        }
        if (list_governments) {
            j["prefecture"] = only_prefecture ? json(only_prefecture->name) : json(nullptr);
            j["governments"] = std::move(governments);
        }
        if (!o.expected_file.empty()) {
            json missing = json::array();
            for (const auto& e : expected)
                if (!submitted.count(e.code))
                    missing.push_back({{"code", e.code}, {"name", e.name}, {"prefecture", prefecture_of_code(e.code) ? prefecture_of_code(e.code)->name : ""}});
            j["expected"] = expected.size();
            j["not_submitted"] = std::move(missing);
        }
        // Names for the readers of text and HTML; CSV and JSON readers use the ids.
        j["area_names"] = json::object();
        for (const auto& a : areas) j["area_names"][a.id] = {{"title", text_json(a.title)}, {"short_title", text_json(a.short_title)}};

        if (!o.benchmark_out.empty()) write_benchmark(o.benchmark_out, j, by_peer_group, areas, o.scale);

        std::string out;
        if (o.format == "json") out = j.dump(2) + "\n";
        else if (o.format == "csv") out = render_summary_csv(j, lang, o.bom);
        else if (o.format == "html") out = render_dashboard(j, lang);
        else out = render_summary_text(j, lang);
        if (o.output.empty()) std::cout << out;
        else write_file_atomically(o.output, out);
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
