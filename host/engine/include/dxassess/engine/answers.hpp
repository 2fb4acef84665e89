// A municipality's answers: its profile and, per area, the answers to that area's questions.
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/value.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::engine {

/// One answer (or a list element / table member), with where it was written.
struct AnswerNode {
    Value value;                                            // scalar, or StringList for lists
    Location where;
    std::vector<AnswerNode> items;                          // list elements (strings, or rows of a table question)
    std::vector<std::pair<std::string, AnswerNode>> members;  // table members
    bool is_table = false;                                  // members are set
    bool is_list = false;                                   // items are set

    const AnswerNode* member(std::string_view key) const;
};

struct Profile {
    std::string code;        // 全国地方公共団体コード, 6 digits, check digit verified
    std::string name;
    std::string prefecture;
    std::int64_t population = 0;
    int fiscal_year = 0;
    std::string type;        // prefecture | designated_city | city | special_ward | town | village ("" = not given)
    Date as_of;              // reference date for days_since(); defaults to today
};

struct Answers {
    std::string path;
    Profile profile;
    std::map<std::string, AnswerNode> areas;  // area id -> table of answers
    std::map<std::string, int> targets;       // [targets]: area id -> target level 0..5 (e.g. a 3-year goal)
};

/// Verifies the check digit of a 6-digit 全国地方公共団体コード.
bool valid_local_government_code(const std::string& code);

/// The kinds of local government a profile may state (`type`).
const std::vector<std::string>& government_types();

/// What answers are checked against: the rule sets of the assessed areas, and areas whose sections
/// are kept unchecked (e.g. areas whose plugin could not be loaded). Any other section is an error.
struct AnswerSchema {
    std::vector<const RuleSet*> rule_sets;
    std::vector<std::string> other_known_areas;
};

/// Loads answers and checks them against the schema. `today` is the default reference date.
/// Throws InputError listing every problem with file:line:column.
Answers load_answers(const std::string& path, const AnswerSchema& schema, Date today);

/// Answers given as a JSON object with the same structure as the TOML file ({"profile": {...},
/// "telework": {...}}; dates as "YYYY-MM-DD"). `source` names them in messages. Throws InputError.
Answers parse_answers_json(const std::string& text, const std::string& source, const AnswerSchema& schema, Date today);

/// Reads an answers file's text, refusing missing, oversized and non-UTF-8 files. Throws InputError.
std::string read_answers_file(const std::string& path);

/// Same as load_answers, from text in memory (`path` names it in messages).
Answers parse_answers(const std::string& text, const std::string& path, const AnswerSchema& schema, Date today);

/// The answers a file holds, as TOML literals per section and key, without checking them against
/// any rules: `dxassess init` rewrites a template around them so that no answer is lost.
using AnswerLiterals = std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>;

/// Reads the literals of an answers file. Throws InputError if it is not valid TOML.
AnswerLiterals read_answer_literals(const std::string& path);

}  // namespace dxassess::engine
