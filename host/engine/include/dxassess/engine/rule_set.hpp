// A rule set: one area's questions, maturity levels and checks, loaded from TOML and fully
// type-checked at load (see docs/rule-language.md).
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/expr.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/text.hpp"

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::engine {

enum class QuestionType { boolean, integer, number, ratio, choice, multi_choice, date, table };

const char* question_type_name(QuestionType t);

/// Keys an answer or a table row may carry besides its value or columns: its 該当なし reason and
/// its notes (na, note, evidence, owner, answered_by). No question or column may use them as ids.
bool is_row_annotation(std::string_view key);
/// The expression type an answer of this question has (unknown for tables: only plugins read them).
Type value_type(QuestionType t);

struct Choice {
    std::string id;   // the value written in answers and compared in rules
    Text label;
};

struct Question {
    std::string id;
    QuestionType type = QuestionType::boolean;
    bool required = false;
    std::optional<double> min;  // integer / number bounds (ratio is always 0..1)
    std::optional<double> max;
    std::vector<Choice> choices;
    Text text;
    Text help;
    std::string unit;
    bool key = false;               // table column: values must differ between rows
    std::vector<Question> columns;  // table: one entry per column
    std::optional<int> min_rows;    // table: bounds on the number of rows
    std::optional<int> max_rows;
    /// allow_na: the answer (for a table: each row) may be 該当なし with a reason (na_reasons()).
    bool allow_na = false;
    /// ask_if: asked only when this condition on earlier questions and the profile holds; a question
    /// whose condition is false is skipped (not counted, not unanswered). Unknown asks it.
    std::optional<Expression> ask_if;
    Location where;

    std::vector<std::string> choice_ids() const;
    const Question* find_column(const std::string& id) const;
    const Choice* find_choice(const std::string& id) const;
};

/// One sub-condition of a level, worded for a municipal officer.
struct Criterion {
    std::string id;   // unique in the rule set; "<level>.<n>" unless the rule file names it
    Expression when;
    Text text;
    Location where;
};

struct Level {
    int level = 0;                    // 1..5; level 0 needs nothing
    Text name;                        // the area's own name for the level; empty: the model's common name
    std::vector<Criterion> criteria;  // all must hold
    std::string source;               // public document the level rests on
    Text caveat;                      // stated uncertainty of the source, if any
    Location where;
};

enum class Severity { high, medium, low, info };
const char* severity_name(Severity s);

struct Check {
    std::string id;
    Expression when;  // the finding is raised when this holds
    Severity severity = Severity::medium;
    Text title;
    Text advice;
    std::string source;
    Text caveat;
    Location where;
};

/// [display] shortfall: the rows of a table question that reports list by name as falling short
/// (procedures not online, systems not yet migrated): rows whose `column` holds one of `values`.
/// 該当なし rows are never listed.
struct Shortfall {
    std::string table;
    std::string column;
    std::vector<Value> values;  // choice ids (strings) or booleans, as the column's type
    Text title;                 // 「マイナポータルから申請できない手続」
};

/// Facts and functions a plugin declares for its area; rules may use them.
struct PluginSymbols {
    std::map<std::string, NameInfo, std::less<>> facts;
    std::map<std::string, FunctionInfo, std::less<>> functions;
};

struct RuleSet {
    std::string path;
    std::string area;
    std::string version;
    PlanVersion plan;            // [area] plan_version / plan_date
    Text title;
    std::string source;          // where the area's targets come from
    std::string plugin;          // id of the plugin that scores it ("" = any plugin for the area)
    std::vector<Question> questions;
    std::vector<Level> levels;   // levels 1..5 in order
    std::vector<Check> checks;
    std::set<std::string> percent_facts;  // [display] percent: facts shown as percentages in reports
    std::vector<Shortfall> shortfalls;    // [display] shortfall: table rows reports list by name
    /// Every name conditions may read, by slot (NameInfo::slot). Questions come first: a question's
    /// slot is its index in `questions`.
    std::vector<std::string> slot_names;
    std::map<std::string, int, std::less<>> slot_index;    // name -> slot
    std::vector<std::pair<std::string, int>> fact_slots;   // plugin facts, sorted by name, with their slots
    /// Every criterion (levels in order) then every check, compiled into one program (scoring).
    ConditionSet conditions;
    /// Every ask_if, in questionnaire order, as one program; skip_questions[k] is the question of the k-th.
    ConditionSet skip_conditions;
    std::vector<std::size_t> skip_questions;
    /// Reference figures named in conditions or texts (ids, first use first), for report appendices.
    std::vector<std::string> references;
    /// Slot of each profile field (profile_fields() order), -1 when the rules cannot read it.
    std::array<int, 4> profile_slots{-1, -1, -1, -1};

    const Question* find_question(const std::string& id) const;
};

/// A profile field rules may read. These are the facts common to every area — asked once in
/// [profile], never again in an area.
struct ProfileField {
    const char* name;  // "profile.population", ...
    Type type;
    Text label;
};
/// profile.population (住民基本台帳人口, 1月1日), profile.fiscal_year, profile.staff (一般行政職員数),
/// profile.peer_group (類似団体区分), in this order.
const std::vector<ProfileField>& profile_fields();

/// A 類似団体区分 (総務省, set from the 令和2年国勢調査): 都市 16 類型, 町村 15 類型, and one group each
/// for 政令指定都市, 特別区, 中核市, 施行時特例市.
struct PeerGroup {
    std::string id;  // as compared in rules: "city_2_1", "town_5_0", "core_city", ...
    Text label;      // 「都市Ⅱ-1」, "City II-1"; answers may give the id or the Japanese label
};
const std::vector<PeerGroup>& peer_groups();
/// The group with this id or Japanese label (ASCII roman numerals accepted: 都市II-1), or nullptr.
const PeerGroup* find_peer_group(const std::string& written);

/// Loads and checks a rule set. `expected_area` (if not empty) must match area.id. `reference`
/// supplies the figures conditions name as ref.<id> and texts as {ref.<id>}; without it they are errors.
/// Throws InputError listing every problem with file:line:column.
RuleSet load_rule_set(const std::string& path, const PluginSymbols& symbols, const std::string& expected_area = "",
                      const ReferenceData* reference = nullptr);

/// Same, from text already in memory (`path` names it in messages).
RuleSet parse_rule_set(const std::string& text, const std::string& path, const PluginSymbols& symbols,
                       const std::string& expected_area = "", const ReferenceData* reference = nullptr);

/// The `[area] id` and `[area] plugin` of a rule file, read without checking the rest.
struct RuleSetHeader {
    std::string area;
    std::string plugin;
    Text title;  // title_ja / title_en, the id when absent
};

/// Reads only the header of a rule file, to find which plugin scores it. Throws InputError.
RuleSetHeader peek_rule_set(const std::string& path);

}  // namespace dxassess::engine
