#include "dxassess/engine/benchmark.hpp"

#include "toml_support.hpp"

#include <algorithm>

namespace dxassess::engine {

Benchmark load_benchmark(const std::string& path, const std::vector<std::string>& known_areas) {
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
    if (const toml::table* levels = top.table("levels", true)) {
        FieldReader r(*levels, path, "[levels]", "[levels]", errors);
        for (const auto& [k, v] : *levels) {
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
            b.levels[area] = *level;
        }
    }
    top.reject_unknown_keys();
    if (!errors.empty()) throw InputError(std::move(errors));
    return b;
}

}  // namespace dxassess::engine
