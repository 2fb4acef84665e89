#include "dxassess/engine/benchmark.hpp"

#include "dxassess/engine/rule_set.hpp"
#include "toml_support.hpp"

#include <algorithm>

namespace dxassess::engine {

namespace {

/// Reads a table of area = mean level into `levels`.
void read_levels(const toml::table& table, const std::string& path, const std::string& where, const std::vector<std::string>& known_areas,
                 std::vector<Diagnostic>& errors, std::map<std::string, double>& levels) {
    FieldReader r(table, path, where, where, errors);
    for (const auto& [k, v] : table) {
        const std::string area(k.str());
        if (std::find(known_areas.begin(), known_areas.end(), area) == known_areas.end()) {
            const Text hint = did_you_mean(area, known_areas);
            errors.push_back({location_of(path, v), {"不明な領域 '" + area + "'" + hint.ja, "unknown area '" + area + "'" + hint.en}});
            r.node(area.c_str());
            continue;
        }
        const auto level = r.number(area.c_str());
        if (!level) continue;
        if (*level < 0 || *level > 5) {
            r.error_at(area.c_str(), {"レベルは 0〜5 です", "a level must be between 0 and 5"});
            continue;
        }
        levels[area] = *level;
    }
}

}  // namespace

Benchmark load_benchmark(const std::string& path, const std::vector<std::string>& known_areas, const std::string& peer_group) {
    const toml::table root = parse_toml(read_input_file(path), path);
    std::vector<Diagnostic> errors;
    Benchmark b;
    b.path = path;
    FieldReader top(root, path, "ベンチマークファイル", "benchmark file", errors);
    if (const toml::table* meta = top.table("benchmark", true)) {
        FieldReader r(*meta, path, "[benchmark]", "[benchmark]", errors);
        b.name = {r.string("name_ja", true).value_or(""), r.string("name_en", true).value_or("")};
        b.year = static_cast<int>(r.integer("year", true).value_or(0));
        if (b.year != 0 && (b.year < 2000 || b.year > 2100)) r.error_at("year", {"年は 2000〜2100 です", "year must be 2000..2100"});
        b.source = r.string("source", true).value_or("");
        r.reject_unknown_keys();
    }
    if (const toml::table* levels = top.table("levels", true)) read_levels(*levels, path, "[levels]", known_areas, errors, b.levels);
    if (const toml::table* groups = top.table("peer_groups")) {
        FieldReader gr(*groups, path, "[peer_groups]", "[peer_groups]", errors);
        for (const auto& [k, v] : *groups) {
            const std::string id(k.str());
            const PeerGroup* group = find_peer_group(id);
            const toml::table* t = gr.table(id.c_str(), true);
            if (!group) {
                errors.push_back({location_of(path, v), {"不明な類似団体区分 '" + id + "'", "unknown peer group '" + id + "'"}});
                continue;
            }
            if (!t || id != peer_group) continue;
            FieldReader r(*t, path, "[peer_groups." + id + "]", "[peer_groups." + id + "]", errors);
            const auto n = r.integer("n", true);
            std::map<std::string, double> levels;
            if (const toml::table* l = r.table("levels", true)) read_levels(*l, path, "[peer_groups." + id + ".levels]", known_areas, errors, levels);
            r.reject_unknown_keys();
            if (levels.empty()) continue;
            b.levels = std::move(levels);
            b.peer_group = id;
            b.n = static_cast<int>(n.value_or(0));
            const std::string count_ja = b.n ? "、" + std::to_string(b.n) + " 団体" : "", count_en = b.n ? ", " + std::to_string(b.n) + " governments" : "";
            b.name = {"類似団体区分「" + group->label.ja + "」の平均" + (count_ja.empty() ? "" : "（" + count_ja.substr(3) + "）"),
                      "Mean of the peer group " + group->label.en + (count_en.empty() ? "" : " (" + count_en.substr(2) + ")")};
        }
    }
    top.reject_unknown_keys();
    if (!errors.empty()) throw InputError(std::move(errors));
    return b;
}

}  // namespace dxassess::engine
