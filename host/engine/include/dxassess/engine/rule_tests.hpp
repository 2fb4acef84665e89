// Rule tests, kept next to the rules (<area>.test.toml): answers in, expected level, score,
// findings and gap out — in the spirit of `opa test`. See docs/rule-language.md.
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/scoring.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dxassess::engine {

struct AreaExpectation {
    std::string area;
    std::optional<int> level;
    std::optional<int> score;
    std::optional<std::vector<std::string>> findings;  // check ids, as a set
    std::optional<std::vector<std::string>> gap;       // criterion ids of the next level not met, as a set
    std::optional<int> answered;                       // questions answered or 該当なし (回答率's numerator)
    std::optional<int> questions;                      // questions asked: skipped ones are not counted
    std::optional<bool> complete;                      // every required question asked is answered
    Location where;
};

struct RuleTestCase {
    std::string name;
    Location where;
    Answers answers;
    std::vector<AreaExpectation> expects;
};

struct RuleTestSuite {
    std::string path;
    std::vector<RuleTestCase> cases;
};

/// Loads a test file; its answers are checked like an answers file, and every area, check and
/// criterion an expectation names must exist. Throws InputError.
RuleTestSuite load_rule_tests(const std::string& path, const AnswerSchema& schema);

/// What differs between an expectation and a result, one line per difference (empty = pass).
std::vector<Text> compare(const AreaExpectation& expected, const AreaResult& actual);

/// Which levels and checks of a rule set the tests reached.
struct Coverage {
    std::string area;
    int levels_total = 5;
    int checks_total = 0;
    std::vector<int> levels_missed;          // no test ended at this level or above
    std::vector<std::string> checks_missed;  // no test raised this check

    int covered() const { return levels_total + checks_total - static_cast<int>(levels_missed.size() + checks_missed.size()); }
    int total() const { return levels_total + checks_total; }
};

/// Coverage of `rules` by the results of all test cases (results of other areas are ignored).
Coverage coverage(const RuleSet& rules, const std::vector<const AreaResult*>& results);

}  // namespace dxassess::engine
