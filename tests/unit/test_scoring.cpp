// The scoring formula: cumulative levels, unknowns never counted as met, score, gap, findings.
#include "test_support.hpp"

#include "dxassess/engine/scoring.hpp"

using namespace dxassess::engine;

namespace {

const char* rules_text = R"(
[area]
id = "area"
version = "1"
title_ja = "t"
title_en = "t"
source = "s"

[[questions]]
id = "a"
type = "bool"
ja = "A"
en = "A"
[[questions]]
id = "b"
type = "bool"
ja = "B"
en = "B"
[[questions]]
id = "n"
type = "integer"
ja = "N"
en = "N"

[[levels]]
level = 1
source = "s1"
criteria = [ { when = 'a', ja = "A がある", en = "A holds" } ]
[[levels]]
level = 2
source = "s2"
criteria = [ { when = 'b', ja = "B がある", en = "B holds" }, { when = 'n >= 10', ja = "N が 10 以上", en = "N >= 10" } ]
[[levels]]
level = 3
source = "s3"
criteria = [ { when = 'n >= 20', ja = "N が 20 以上", en = "N >= 20" }, { when = 'bonus', ja = "ボーナス", en = "bonus" } ]
[[levels]]
level = 4
source = "s4"
criteria = [ { when = 'n >= 30', ja = "30", en = "30" } ]
[[levels]]
level = 5
source = "s5"
criteria = [ { when = 'n >= 40', ja = "40", en = "40" } ]

[[checks]]
id = "low"
severity = "low"
when = 'n < 100'
ja = "low"
en = "low"
advice_ja = "x"
advice_en = "x"
source = "s"
[[checks]]
id = "high"
severity = "high"
when = 'not b'
ja = "high"
en = "high"
advice_ja = "x"
advice_en = "x"
source = "s"
[[checks]]
id = "needs_answer"
severity = "medium"
when = 'n > 5 and a'
ja = "m"
en = "m"
advice_ja = "x"
advice_en = "x"
source = "s"
)";

struct Fixture {
    PluginSymbols symbols;
    RuleSet rules;
    Profile profile;
    Fixture() {
        symbols.facts["bonus"] = {Type::boolean, {}};
        rules = parse_rule_set(rules_text, "area.toml", symbols);
        profile.as_of = Date{2025, 1, 1};
    }

    AreaResult score(std::vector<std::pair<std::string, Value>> answers, std::map<std::string, Value> facts = {}) {
        AnswerNode node;
        node.is_table = true;
        for (auto& [k, v] : answers) {
            AnswerNode m;
            m.value = v;
            node.members.emplace_back(k, m);
        }
        AreaEnvironment env(rules, &node, profile, facts, nullptr);
        return score_area(rules, env, {{"bonus", Text{"ボーナス", "bonus"}}});
    }
};

}  // namespace

TEST_CASE("levels are cumulative and the score adds progress toward the next level", "[scoring]") {
    Fixture f;
    // Level 1 holds; of level 2's two criteria one holds -> 20 + 20 * 1/2.
    AreaResult r = f.score({{"a", true}, {"b", true}, {"n", std::int64_t{5}}});
    CHECK(r.level == 1);
    CHECK(r.score == 30);
    REQUIRE(r.gap().size() == 1);
    CHECK(r.gap()[0]->text.en == "N >= 10");
    REQUIRE(r.gap()[0]->inputs.size() == 1);
    CHECK(r.gap()[0]->inputs[0].name == "n");
    CHECK(std::get<std::int64_t>(r.gap()[0]->inputs[0].value) == 5);

    // Level 4's condition holds but level 3 does not: level stays 2, and the score credits the work
    // above it: 20 + 20 + 20 * 1/2 (level 3) + 20 (level 4) + 0 (level 5).
    r = f.score({{"a", true}, {"b", true}, {"n", std::int64_t{35}}}, {{"bonus", false}});
    CHECK(r.level == 2);
    CHECK(r.score == 70);
    REQUIRE(r.done_above().size() == 2);
    CHECK(r.done_above()[0]->text.en == "N >= 20");
    CHECK(r.done_above()[1]->text.en == "30");
    CHECK(r.levels[3].holds());

    r = f.score({{"a", true}, {"b", true}, {"n", std::int64_t{45}}}, {{"bonus", true}});
    CHECK(r.level == 5);
    CHECK(r.score == 100);
    CHECK(r.gap().empty());
}

TEST_CASE("a level is never claimed on an unknown", "[scoring]") {
    Fixture f;
    // n unanswered: level 2 is unknown, not met; level 1 holds.
    AreaResult r = f.score({{"a", true}, {"b", true}});
    CHECK(r.level == 1);
    CHECK(r.next_level_unknown());
    CHECK(r.score == 30);  // only the known-true criterion counts as progress
    REQUIRE(r.unanswered.size() == 1);
    CHECK(r.unanswered[0]->id == "n");
    CHECK(r.answered == 2);
    CHECK(r.question_count == 3);

    // The plugin's fact missing: level 3 is unknown.
    r = f.score({{"a", true}, {"b", true}, {"n", std::int64_t{25}}});
    CHECK(r.level == 2);
    CHECK(r.next_level_unknown());

    // Nothing answered: level 0, score 0.
    r = f.score({});
    CHECK(r.level == 0);
    CHECK(r.score == 0);
    CHECK(r.unanswered.size() == 3);
}

TEST_CASE("findings are ordered by severity and undecidable checks are listed", "[scoring]") {
    Fixture f;
    AreaResult r = f.score({{"a", false}, {"b", false}, {"n", std::int64_t{7}}});
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].check == "high");
    CHECK(r.findings[1].check == "low");
    CHECK(r.unchecked.empty());

    r = f.score({{"b", true}, {"n", std::int64_t{7}}});
    CHECK(r.findings.size() == 1);
    CHECK(r.unchecked == std::vector<std::string>{"needs_answer"});
}

TEST_CASE("the overall index is the weighted mean of scored areas", "[scoring]") {
    Model m;
    m.areas = {{"x", {}, {}, 1.0}, {"y", {}, {}, 3.0}, {"z", {}, {}, 1.0}};
    AreaResult x, y, z;
    x.area = "x"; x.scored = true; x.level = 1; x.score = 20;
    y.area = "y"; y.scored = true; y.level = 3; y.score = 60;
    z.area = "z"; z.scored = false;
    const OverallResult o = combine(m, {x, y, z});
    CHECK(o.index == Approx(50.0));  // (20*1 + 60*3) / 4
    CHECK(o.level == 2);             // floor((1 + 9) / 4)
    CHECK_FALSE(o.complete);
    CHECK(o.strongest == "y");
    CHECK(o.weakest == "x");
}

TEST_CASE("answers in any order are scored alike, and unanswered questions are listed", "[scoring]") {
    Fixture f;
    const std::map<std::string, Value> facts{{"bonus", true}};
    const AreaResult in_order = f.score({{"a", true}, {"b", true}, {"n", std::int64_t{45}}}, facts);
    const AreaResult reversed = f.score({{"n", std::int64_t{45}}, {"b", true}, {"a", true}}, facts);
    CHECK(in_order.level == 5);
    CHECK(reversed.level == in_order.level);
    CHECK(reversed.score == in_order.score);
    CHECK(reversed.answered == in_order.answered);
    CHECK(reversed.unanswered.size() == in_order.unanswered.size());

    const AreaResult partial = f.score({{"n", std::int64_t{5}}, {"a", true}});
    CHECK(partial.answered == 2);
    REQUIRE(partial.unanswered.size() == 1);
    CHECK(partial.unanswered[0]->id == "b");
    CHECK(partial.level == f.score({{"a", true}, {"n", std::int64_t{5}}}).level);
}
