// Scoring of one area from its rule set, and the overall combination (docs/scoring.md).
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/expr.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/rule_set.hpp"

#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dxassess::engine {

/// An input that decided a condition: a question, fact or profile field and its value.
struct Input {
    std::string name;
    Text label;   // the question's text, or the fact's description
    Value value;
    Text display; // the value as a person reads it: choice labels, ratios as percentages
};

// Results refer to their rule set (id, wording, source) instead of copying it, so scoring allocates
// little; a result must not outlive the RuleSet it was scored with.

struct CriterionResult {
    const std::string& id;
    const Text& text;
    const std::string& condition;
    Value outcome;               // true, false or unknown
    std::vector<Input> inputs;   // empty unless scored with explain
};

struct LevelResult {
    int level = 0;
    std::vector<CriterionResult> criteria;
    const std::string& source;
    const Text& caveat;
    bool holds() const;          // all criteria true
    bool unknown() const;        // no criterion false, some unknown
    int met() const;             // criteria that are true
};

struct Finding {
    const std::string& check;
    Severity severity;
    const Text& title;
    const Text& advice;
    const std::string& source;
    const Text& caveat;
    std::vector<Input> inputs;   // empty unless scored with explain
};

struct PluginDiagnostic {
    Severity severity = Severity::info;
    std::string answer_key;
    Text message;
};

struct AreaResult {
    std::string area;
    Text title;
    std::string rules_version;
    bool scored = false;
    Text failure;                              // why the area was not scored
    int level = 0;
    int score = 0;                             // 0..100
    std::vector<LevelResult> levels;           // 1..5, all evaluated for explanation
    std::vector<Finding> findings;             // ordered by severity, then rule order
    std::vector<std::string> unchecked;        // checks that could not be decided (unknown inputs)
    std::vector<const Question*> unanswered;   // in questionnaire order
    int answered = 0;
    int question_count = 0;
    std::map<std::string, Value> facts;        // derived facts the plugin published
    std::vector<PluginDiagnostic> diagnostics;

    /// The next level's criteria that are not met (false or unknown); empty at level 5.
    std::vector<const CriterionResult*> gap() const;
    /// Whether the next level failed only for lack of answers.
    bool next_level_unknown() const;
};

/// Values bound to names while one area is scored.
class AreaEnvironment : public Environment {
public:
    using Caller = std::function<Value(const std::string&, const std::vector<Value>&)>;

    AreaEnvironment(const RuleSet& rules, const AnswerNode* answers, const Profile& profile,
                    const std::map<std::string, Value>& facts, Caller caller);
    Value lookup(const std::string& name) const override;
    Value call(const std::string& function, const std::vector<Value>& args) const override;
    Date today() const override { return profile_.as_of; }

private:
    // Every name's value by slot, bound once per area (no copies); inline for the usual rule set.
    std::array<const Value*, 64> inline_slots_;
    std::vector<const Value*> heap_slots_;
    Value population_, fiscal_year_;   // profile values, which live nowhere else as Values
    const RuleSet& rules_;
    const AnswerNode* answers_;
    const Profile& profile_;
    const std::map<std::string, Value>& facts_;
    Caller caller_;
};

/// Scores an area. `fact_labels` describe plugin facts for explanations. With `explain` false the
/// result leaves out the inputs of each criterion and finding (for bulk scoring).
AreaResult score_area(const RuleSet& rules, const AreaEnvironment& env, const AnswerNode* answers,
                      const std::map<std::string, Text>& fact_labels, bool explain = true);

struct OverallResult {
    double index = 0;          // weighted mean of the scored areas' scores, 0..100
    int level = 0;             // floor(weighted mean level)
    bool complete = true;      // false when an expected area was not scored
    std::string strongest;
    std::string weakest;
};

OverallResult combine(const Model& model, const std::vector<AreaResult>& areas);

/// One recommended action: a finding's advice, placed in the overall ranking.
struct Action {
    int rank = 0;
    std::string area;
    const Finding* finding = nullptr;
};

/// All findings of all areas as actions, most urgent first: by severity, then areas furthest below
/// their target level, then weaker areas (lower score), then rule order. Deterministic.
std::vector<Action> rank_actions(const std::vector<AreaResult>& areas, const std::map<std::string, int>& targets);

}  // namespace dxassess::engine
