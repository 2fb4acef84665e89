#include "reports/report_content.hpp"

#include "dxassess/engine/annotations.hpp"

#include <algorithm>
#include <cstdio>

namespace dxassess::host {

const char* area_status(const engine::AreaResult& r) {
    return !r.scored ? "not_scored" : r.complete() ? "scored" : "incomplete";
}

engine::Text level_name_of(const engine::Model& model, const engine::AreaResult& r, int level) {
    for (const auto& l : r.levels)
        if (l.level == level && !l.name.ja.empty()) return l.name;
    return model.level_name(level);
}

engine::Text area_level_name(const engine::Model& model, const engine::AreaResult& r) {
    if (r.level == 0 && !r.done_above().empty()) return {"取組中（レベル 1 未達）", "under way (level 1 not yet met)"};
    return level_name_of(model, r, r.level);
}

engine::Text plan_line(const engine::Model& model) {
    const engine::Plan& p = model.plan;
    if (p.edition.empty()) return {};
    return {"評価基準: " + p.title.ja + " " + p.edition.version + "（" + p.edition.date.str() + "）",
            "Criteria: " + p.title.en + ", " + p.edition.version + " (" + p.edition.date.str() + ")"};
}

std::vector<ReferenceUse> reference_uses(const Assessment& a) {
    std::vector<ReferenceUse> out;
    if (!a.reference) return out;
    for (const auto& f : a.reference->figures) {
        ReferenceUse use{&f, {}};
        for (const AreaRules* r : a.scored_by)
            if (r->rules && std::find(r->rules->references.begin(), r->rules->references.end(), f.id) != r->rules->references.end())
                use.areas.push_back(r->rules->area);
        if (!use.areas.empty()) out.push_back(std::move(use));
    }
    return out;
}

engine::Text mean_level_text(const engine::OverallResult& o) {
    char mean[16];
    std::snprintf(mean, sizeof mean, "%.1f", o.mean_level);
    return {std::string("平均到達レベル ") + mean, std::string("mean level reached ") + mean};
}

std::vector<AppendixLine> appendix_lines(const Assessment& a, engine::Lang lang) {
    std::vector<AppendixLine> out;
    for (const auto& r : a.areas) {
        const AreaRules* rules = a.rules_of(r.area);
        const auto answers = a.answers.areas.find(r.area);
        if (!rules || !rules->rules || answers == a.answers.areas.end()) continue;
        for (const auto& n : engine::annotations(*rules->rules, &answers->second))
            out.push_back({r.title.in(lang), n.question->text.in(lang), n.row.empty() ? "" : n.row_label.in(lang),
                           n.na ? n.na->label.in(lang) : "", n.notes->note, n.notes->evidence, n.notes->owner,
                           n.notes->answered_by});
    }
    return out;
}

}  // namespace dxassess::host
