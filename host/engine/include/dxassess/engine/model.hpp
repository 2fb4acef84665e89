// The common maturity model (rules/model.toml): level names shared by all areas and area weights.
#pragma once

#include "dxassess/engine/text.hpp"
#include "dxassess/engine/value.hpp"

#include <string>
#include <vector>

namespace dxassess::engine {

/// The edition of the 自治体DX推進計画 a rule set (or the model) implements.
struct PlanVersion {
    std::string version;  // e.g. "第2.3版"
    Date date;            // the day that edition was published

    bool empty() const { return version.empty(); }
};

/// The plan the model follows: its name, edition, where it is published and what is not confirmed.
struct Plan {
    Text title;
    PlanVersion edition;
    std::string source;
    Text caveat;
};

struct LevelName {
    int level = 0;
    Text name;
    Text description;
};

struct AreaWeight {
    std::string area;
    Text title;
    Text short_title;  // for charts; the title when not given
    double weight = 1.0;
};

struct Model {
    std::string path;
    std::string version;
    Plan plan;                      // [plan]: the edition of the 自治体DX推進計画 the shipped areas implement
    std::vector<LevelName> levels;  // 0..5
    std::vector<AreaWeight> areas;  // in report order

    const Text& level_name(int level) const;
    const AreaWeight* find_area(const std::string& id) const;
};

/// Loads and checks the model file. Throws InputError.
Model load_model(const std::string& path);
/// Same, from text in memory (`path` names it in messages).
Model parse_model(const std::string& text, const std::string& path);

}  // namespace dxassess::engine
