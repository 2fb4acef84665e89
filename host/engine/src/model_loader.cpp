// Loads rules/model.toml: the common level names 0..5 and the area weights.
#include "dxassess/engine/model.hpp"

#include "toml_support.hpp"

#include <algorithm>

namespace dxassess::engine {

const Text& Model::level_name(int level) const {
    static const Text none{"?", "?"};
    for (const auto& l : levels)
        if (l.level == level) return l.name;
    return none;
}

const AreaWeight* Model::find_area(const std::string& id) const {
    for (const auto& a : areas)
        if (a.area == id) return &a;
    return nullptr;
}

Model load_model(const std::string& path) { return parse_model(read_input_file(path), path); }

Model parse_model(const std::string& text, const std::string& path) {
    const toml::table root = parse_toml(text, path);
    std::vector<Diagnostic> errors;
    Model m;
    m.path = path;
    FieldReader top(root, path, "モデルファイル", "model file", errors);
    m.version = top.string("version", true).value_or("");
    if (const toml::table* plan = top.table("plan", true)) {
        FieldReader r(*plan, path, "[plan]", "[plan]", errors);
        m.plan.title = {r.string("ja", true).value_or(""), r.string("en", true).value_or("")};
        m.plan.edition.version = r.string("version", true).value_or("");
        m.plan.edition.date = r.date("date", true).value_or(Date{});
        m.plan.source = r.string("source", true).value_or("");
        m.plan.caveat = {r.string("caveat_ja").value_or(""), r.string("caveat_en").value_or("")};
        r.reject_unknown_keys();
    }
    std::vector<bool> seen(6, false);
    if (const toml::array* levels = top.array("levels", true)) {
        for_each_table(*levels, path, errors, "[[levels]]", [&](const toml::table& t) {
            FieldReader r(t, path, "[[levels]]", "[[levels]]", errors);
            LevelName l;
            l.level = static_cast<int>(r.integer("level", true).value_or(-1));
            l.name = {r.string("ja", true).value_or(""), r.string("en", true).value_or("")};
            l.description = {r.string("description_ja").value_or(""), r.string("description_en").value_or("")};
            r.reject_unknown_keys();
            if (l.level < 0 || l.level > 5 || seen[l.level]) {
                r.error_at("level", {"レベルは 0〜5 を 1 回ずつ定義します", "levels 0..5 must each be defined once"});
                return;
            }
            seen[l.level] = true;
            m.levels.push_back(std::move(l));
        });
        if (m.levels.size() != 6 && errors.empty())
            top.error_at("levels", {"レベル 0〜5 の名前がすべて必要です", "names for all levels 0..5 are required"});
    }
    if (const toml::array* areas = top.array("areas", true)) {
        for_each_table(*areas, path, errors, "[[areas]]", [&](const toml::table& t) {
            FieldReader r(t, path, "[[areas]]", "[[areas]]", errors);
            AreaWeight a;
            a.area = r.string("id", true).value_or("");
            a.title = {r.string("ja", true).value_or(""), r.string("en", true).value_or("")};
            a.short_title = {r.string("short_ja").value_or(a.title.ja), r.string("short_en").value_or(a.title.en)};
            a.weight = r.number("weight", true).value_or(1.0);
            if (a.weight <= 0 || a.weight > 100)
                r.error_at("weight", {"重みは 0 より大きく 100 以下です", "weight must be in (0, 100]"});
            if (m.find_area(a.area)) r.error_at("id", {"領域 '" + a.area + "' が重複しています", "duplicate area '" + a.area + "'"});
            r.reject_unknown_keys();
            m.areas.push_back(std::move(a));
        });
    }
    top.reject_unknown_keys();
    if (!errors.empty()) throw InputError(std::move(errors));
    std::sort(m.levels.begin(), m.levels.end(), [](const LevelName& a, const LevelName& b) { return a.level < b.level; });
    return m;
}

}  // namespace dxassess::engine
