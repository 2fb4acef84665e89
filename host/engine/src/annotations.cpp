#include "dxassess/engine/annotations.hpp"

namespace dxassess::engine {
namespace {

/// A row's key columns, as written ("a/b") and as read ("A／B").
void describe_row(const Question& table, const AnswerNode& row, Annotation& out) {
    for (const auto& c : table.columns) {
        if (!c.key) continue;
        const AnswerNode* cell = row.member(c.id);
        if (!cell) continue;
        const std::string id = to_display(cell->value, true);
        const Choice* choice = c.find_choice(id);
        const Text label = choice ? choice->label : Text{id, id};
        const bool first = out.row.empty();
        out.row += (first ? "" : "/") + id;
        out.row_label.ja += (first ? "" : "／") + label.ja;
        out.row_label.en += (first ? "" : " / ") + label.en;
    }
}

}  // namespace

std::vector<Annotation> annotations(const RuleSet& rules, const AnswerNode* answers) {
    std::vector<Annotation> out;
    if (!answers) return out;
    for (const auto& q : rules.questions) {
        const AnswerNode* a = answers->member(q.id);
        if (!a) continue;
        if (a->not_applicable() || a->notes) out.push_back({&q, {}, {}, a->na, &a->notes_or_none()});
        if (q.type != QuestionType::table) continue;
        for (const auto& row : a->items) {
            if (!row.not_applicable() && !row.notes) continue;
            Annotation& r = out.emplace_back(Annotation{&q, {}, {}, row.na, &row.notes_or_none()});
            describe_row(q, row, r);
        }
    }
    return out;
}

}  // namespace dxassess::engine
