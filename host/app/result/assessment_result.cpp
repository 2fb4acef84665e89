#include "result/assessment_result.hpp"

#include <algorithm>

namespace dxassess::host {

bool Assessment::complete() const {
    return std::all_of(areas.begin(), areas.end(), [](const engine::AreaResult& a) { return a.scored && a.complete(); });
}

const AreaRules* Assessment::rules_of(const std::string& area) const {
    for (const AreaRules* r : scored_by)
        if (r->rules->area == area) return r;
    return nullptr;
}

}  // namespace dxassess::host
