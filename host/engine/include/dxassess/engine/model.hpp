// The common maturity model (rules/model.toml): level names shared by all areas and area weights.
#pragma once

#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::engine {

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
    std::vector<LevelName> levels;  // 0..5
    std::vector<AreaWeight> areas;  // in report order

    const Text& level_name(int level) const;
    const AreaWeight* find_area(const std::string& id) const;
};

/// Loads and checks the model file. Throws InputError.
Model load_model(const std::string& path);

}  // namespace dxassess::engine
