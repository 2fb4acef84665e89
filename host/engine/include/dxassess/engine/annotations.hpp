// The annotations of one area's answers: every 該当なし and every note, with the question and, for
// a table, the row they belong to. Every report form lists them in its appendix.
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/rule_set.hpp"

#include <string>
#include <vector>

namespace dxassess::engine {

struct Annotation {
    const Question* question = nullptr;
    std::string row;               // a table row's key values ("kaigo_nintei"); empty for the question itself
    Text row_label;                // the same as a person reads them (choice labels)
    const NaReason* na = nullptr;  // set when the question or row is 該当なし
    const AnswerNotes* notes = nullptr;
};

/// The answers of an area that are 該当なし or carry notes, in questionnaire and row order.
/// The result points into `rules` and `answers`, which must outlive it.
std::vector<Annotation> annotations(const RuleSet& rules, const AnswerNode* answers);

}  // namespace dxassess::engine
