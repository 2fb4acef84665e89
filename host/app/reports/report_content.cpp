#include "reports/report_content.hpp"

#include "dxassess/engine/annotations.hpp"

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <cstdlib>

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

std::string area_short_title(const engine::Model& model, const engine::AreaResult& r, engine::Lang lang) {
    const auto* aw = model.find_area(r.area);
    return aw ? aw->short_title.in(lang) : r.title.in(lang);
}

engine::Text fiscal_year_text(int fy) {
    const std::string year = std::to_string(fy);
    std::string era;
    if (fy >= 2019) era = fy == 2019 ? "令和元年度" : "令和" + std::to_string(fy - 2018) + "年度";
    else if (fy >= 1989) era = fy == 1989 ? "平成元年度" : "平成" + std::to_string(fy - 1988) + "年度";
    return {year + "年度" + (era.empty() ? "" : "（" + era + "）"), "FY" + year};
}

engine::Text date_text(const engine::Date& d) {
    if (!d.valid()) return {"", ""};
    return {std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日", d.str()};
}

std::string input_value_text(const engine::Input& in, const engine::Profile& profile, engine::Lang lang) {
    if (const auto* d = std::get_if<engine::Date>(&in.value)) return date_text(*d).in(lang);
    const auto* days = std::get_if<std::int64_t>(&in.value);
    if (days && in.name.rfind("days_since", 0) == 0 && profile.as_of.valid()) {
        const engine::Date when = engine::Date::from_serial(profile.as_of.serial() - *days);
        // Whole months between the two dates, as a person counts them.
        int months = (profile.as_of.year - when.year) * 12 + (profile.as_of.month - when.month) - (profile.as_of.day < when.day ? 1 : 0);
        const bool before = *days >= 0;
        months = std::abs(months);
        const int y = months / 12, m = months % 12;
        std::string ja = (y ? std::to_string(y) + " 年" : "") + (m || !y ? (y ? " " : "") + std::to_string(m) + " か月" : "");
        std::string en = (y ? std::to_string(y) + (y == 1 ? " year" : " years") : "") +
                         (m || !y ? (y ? " " : "") + std::to_string(m) + (m == 1 ? " month" : " months") : "");
        return lang == engine::Lang::en ? when.str() + " (" + en + (before ? " before" : " after") + " the reference date)"
                                        : date_text(when).ja + "（基準日の " + ja + (before ? "前" : "後") + "）";
    }
    return in.display.in(lang);
}

std::string inputs_text(const std::vector<engine::Input>& inputs, const engine::Profile& profile, engine::Lang lang) {
    std::string out;
    for (const auto& i : inputs) {
        if (!out.empty()) out += lang == engine::Lang::en ? "; " : "、";
        std::string label = i.label.empty() ? i.name : i.label.in(lang);
        // A day count is shown as its date, so its label names the event: 「…の最終改定からの日数」→「…の最終改定」.
        if (i.name.rfind("days_since", 0) == 0 && std::holds_alternative<std::int64_t>(i.value)) {
            if (const std::string suffix = "からの日数"; label.size() > suffix.size() && label.ends_with(suffix))
                label.resize(label.size() - suffix.size());
            else if (label.rfind("Days since ", 0) == 0 && label.size() > 11)  // "Days since the policy was…" -> "The policy was…"
                label = static_cast<char>(std::toupper(static_cast<unsigned char>(label[11]))) + label.substr(12);
        }
        out += label + (lang == engine::Lang::en ? ": " : "：") + input_value_text(i, profile, lang);
    }
    return out;
}

engine::Text level_meaning(const engine::Model& model, const engine::AreaResult& r) {
    if (!r.scored) return {"評価できませんでした", "could not be scored"};
    if (!r.complete()) return {"必須の質問に未回答があり、評価できません", "required answers are missing"};
    if (r.level == 0 && !r.done_above().empty())
        return {"取組を始めていますが、レベル 1 の条件をまだ満たしていません", "work has started, but level 1 is not yet met"};
    for (const auto& l : model.levels)
        if (l.level == r.level && !l.description.empty()) return l.description;
    return level_name_of(model, r, r.level);
}

std::vector<ShortfallList> shortfall_lists(const Assessment& a, const engine::AreaResult& r, engine::Lang lang) {
    std::vector<ShortfallList> out;
    const AreaRules* rules = a.rules_of(r.area);
    const auto answers = a.answers.areas.find(r.area);
    if (!rules || !rules->rules || answers == a.answers.areas.end()) return out;
    for (const auto& s : rules->rules->shortfalls) {
        const engine::Question* table = rules->rules->find_question(s.table);
        const engine::AnswerNode* node = answers->second.member(s.table);
        if (!table || !node || !node->is_list) continue;
        ShortfallList list{s.title, {}};
        for (const auto& row : node->items) {
            const engine::AnswerNode* cell = row.member(s.column);
            if (row.not_applicable() || !cell || std::find(s.values.begin(), s.values.end(), cell->value) == s.values.end()) continue;
            // The row's name (its key columns), then its other answers in parentheses.
            std::string name, details;
            for (const auto& c : table->columns) {
                const engine::AnswerNode* v = row.member(c.id);
                if (!v || !engine::is_known(v->value)) continue;
                std::string text;
                if (const auto* id = std::get_if<std::string>(&v->value)) {
                    const engine::Choice* choice = c.find_choice(*id);
                    text = choice ? choice->label.in(lang) : *id;
                } else if (const auto* d = std::get_if<engine::Date>(&v->value)) {
                    text = c.text.in(lang) + (lang == engine::Lang::en ? ": " : "：") + date_text(*d).in(lang);
                } else if (c.type == engine::QuestionType::boolean || &c == table->find_column(s.column)) {
                    continue;  // the column that falls short says nothing more; other yes/no columns are noise here
                } else {
                    text = c.text.in(lang) + (lang == engine::Lang::en ? ": " : "：") + engine::to_display(v->value, lang == engine::Lang::en);
                }
                if (c.key) name += (name.empty() ? "" : " ") + text;
                else details += (details.empty() ? "" : (lang == engine::Lang::en ? "; " : "、")) + text;
            }
            list.rows.push_back(details.empty() ? name : name + (lang == engine::Lang::en ? " (" + details + ")" : "（" + details + "）"));
        }
        if (!list.rows.empty()) out.push_back(std::move(list));
    }
    return out;
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
