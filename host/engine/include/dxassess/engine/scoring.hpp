// Scoring of one area from its rule set, and the overall combination (docs/scoring.md).
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/expr.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/rule_set.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
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
    bool applicable = true;      // false: undecided only because an input is 該当なし; left out of the level
};

struct LevelResult {
    int level = 0;
    std::vector<CriterionResult> criteria;
    const std::string& source;
    const Text& caveat;
    const Text& name;            // the area's own level name, or empty
    bool holds() const;          // every applicable criterion true
    bool unknown() const;        // no applicable criterion false, some unknown
    int met() const;             // criteria that are true
    int applicable() const;      // criteria that are not 該当なし
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
    int level = 0;                             // highest level whose criteria, and all below, hold
    int score = 0;                             // 0..100: 20 per level, in proportion to its criteria met
    std::vector<LevelResult> levels;           // 1..5, all evaluated for explanation
    std::vector<Finding> findings;             // ordered by severity, then rule order
    std::vector<std::string> unchecked;        // checks that could not be decided (unknown inputs)
    std::vector<std::string> not_applicable_checks;  // checks undecided only because an input is 該当なし
    std::vector<const Question*> unanswered;   // asked and not answered, in questionnaire order
    std::vector<const Question*> missing_required;  // asked, required and not answered
    std::vector<const Question*> skipped;      // not asked: their ask_if is false
    std::vector<const Question*> ignored;      // answered although not asked: the answers were ignored
    int required_asked = 0;                    // required questions asked
    int answered = 0;                          // asked questions answered or 該当なし
    int question_count = 0;                    // asked questions
    std::map<std::string, Value> facts;        // derived facts the plugin published
    std::vector<PluginDiagnostic> diagnostics;

    /// Every required question asked has an answer (or is 該当なし). An incomplete area is reported
    /// as 評価できません（回答不足）, not with its level, and is left out of overall figures.
    bool complete() const { return missing_required.empty(); }
    /// Answered share of the required questions asked (1 when none are required).
    double completeness() const;
    /// The next level's applicable criteria that are not met (false or unknown); empty at level 5.
    std::vector<const CriterionResult*> gap() const;
    /// Criteria already met above the reached level (the next level included): work the level does not show.
    std::vector<const CriterionResult*> done_above() const;
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

    /// How question `index` (RuleSet::questions) stands once skip logic is applied.
    enum class QuestionState : unsigned char { unanswered, answered, not_applicable, skipped };
    QuestionState state(std::size_t index) const { return states_[index]; }
    /// Questions answered although their ask_if is false: the answers are ignored.
    const std::vector<std::size_t>& ignored_answers() const { return ignored_; }

private:
    // Every name's value by slot, bound once per area (no copies); inline for the usual rule set.
    std::array<const Value*, 64> inline_slots_;
    std::vector<const Value*> heap_slots_;
    std::array<Value, 4> profile_values_;  // profile_fields() as Values, which live nowhere else as Values
    std::array<QuestionState, 64> inline_states_;  // per question; on the heap for larger rule sets
    std::vector<QuestionState> heap_states_;
    QuestionState* states_ = nullptr;
    std::vector<std::size_t> ignored_;
    const RuleSet& rules_;
    const AnswerNode* answers_;
    const Profile& profile_;
    const std::map<std::string, Value>& facts_;
    Caller caller_;
};

/// The answers as the area's plugin should see them: without answers to questions not asked. Skip
/// logic reads only earlier answers and the profile, so it is settled before any plugin runs.
/// nullopt when there is nothing to leave out (use the answers as they are).
std::optional<AnswerNode> without_skipped_answers(const RuleSet& rules, const AnswerNode* answers, const Profile& profile);

/// Scores an area from the answers, skip logic and facts bound in `env`. `fact_labels` describe plugin facts for explanations. With `explain` false the
/// result leaves out the inputs of each criterion and finding (for bulk scoring).
AreaResult score_area(const RuleSet& rules, const AreaEnvironment& env,
                      const std::map<std::string, Text>& fact_labels, bool explain = true);

/// The combination of the areas that could be assessed (scored and complete); the others are named
/// by the report and left out, so missing answers never drag a figure down.
/// The overall figures are over the model's areas only; areas outside the model (vendor or
/// rules-only areas) are reported on their own and never change the index.
struct OverallResult {
    double index = 0;          // weighted mean of the assessed model areas' scores, 0..100
    double mean_level = 0;     // weighted mean of their levels, one decimal: 平均到達レベル
    int level = 0;             // floor(mean_level), kept for readers of report schema 1.0
    int assessed = 0;          // model areas in the figures
    bool complete = true;      // false when an expected area was not scored or is incomplete
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
