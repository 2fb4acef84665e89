// Answering as municipalities answer: 該当なし with reasons, notes, skip logic (ask_if), fair
// partial credit, incomplete areas, and TOML typos explained.
#include "test_support.hpp"

#include "dxassess/engine/annotations.hpp"
#include "dxassess/engine/answers.hpp"
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
id = "status"
type = "choice"
required = true
ja = "状況"
en = "status"
choices = [ { id = "yes", ja = "あり", en = "yes" }, { id = "none", ja = "なし", en = "none" } ]

[[questions]]
id = "detail"
type = "bool"
ask_if = 'status == "yes"'
ja = "詳細"
en = "detail"

[[questions]]
id = "local"
type = "bool"
allow_na = true
ja = "自団体の事務"
en = "local duty"

[[questions]]
id = "staff"
type = "integer"
required = true
min = 1
ja = "職員数"
en = "staff"

[[questions]]
id = "rows"
type = "table"
allow_na = true
ja = "表"
en = "table"
columns = [
  { id = "key", type = "choice", key = true, required = true, ja = "キー", en = "key", choices = [ { id = "a", ja = "A 手続", en = "A" }, { id = "b", ja = "B 手続", en = "B" } ] },
  { id = "online", type = "bool", required = true, ja = "オンライン", en = "online" },
]

[[levels]]
level = 1
source = "s"
criteria = [ { id = "started", when = 'status == "yes"', ja = "開始", en = "started" } ]
[[levels]]
level = 2
source = "s"
criteria = [ { id = "detail", when = 'detail', ja = "詳細あり", en = "detail" }, { id = "local", when = 'local', ja = "自団体", en = "local" } ]
[[levels]]
level = 3
source = "s"
criteria = [ { id = "big", when = 'staff >= 10', ja = "10 人以上", en = "10 or more" } ]
[[levels]]
level = 4
source = "s"
criteria = [ { id = "bigger", when = 'staff >= 100', ja = "100 人以上", en = "100 or more" } ]
[[levels]]
level = 5
source = "s"
criteria = [ { id = "biggest", when = 'staff >= 1000', ja = "1000 人以上", en = "1000 or more" } ]

[[checks]]
id = "not_local"
severity = "high"
when = 'not local'
ja = "自団体でない"
en = "not local"
advice_ja = "x"
advice_en = "x"
source = "s"
)";

const std::string profile =
    "[profile]\ncode = \"011002\"\nname = \"札幌市\"\nprefecture = \"北海道\"\npopulation = 1950000\nfiscal_year = 2025\n[area]\n";

const RuleSet& rules() {
    static const RuleSet r = parse_rule_set(rules_text, "area.toml", {});
    return r;
}

Answers parse(const std::string& area_lines) { return parse_answers(profile + area_lines, "answers.toml", {{&rules()}, {}}); }

AreaResult score(const Answers& a) {
    const AnswerNode* node = &a.areas.at("area");
    AreaEnvironment env(rules(), node, a.profile, {}, nullptr);
    return score_area(rules(), env, {});
}

const CriterionResult& criterion(const AreaResult& r, const std::string& id) {
    for (const auto& l : r.levels)
        for (const auto& c : l.criteria)
            if (c.id == id) return c;
    FAIL("no criterion " << id);
    throw;
}

}  // namespace

TEST_CASE("an answer may carry notes, or be 該当なし with a reason", "[answering][na]") {
    const Answers a = parse("status = { value = \"yes\", note = \"4月1日時点\", evidence = \"調書.xlsx\", owner = \"総務課\", answered_by = \"山田\" }\n"
                            "local = { na = \"wide_area\", note = \"広域連合が実施\" }\nstaff = 12\n");
    const AnswerNode& area = a.areas.at("area");
    REQUIRE(area.member("status") != nullptr);
    CHECK(std::get<std::string>(area.member("status")->value) == "yes");
    CHECK(area.member("status")->notes_or_none().evidence == "調書.xlsx");
    CHECK(area.member("status")->notes_or_none().answered_by == "山田");
    const AnswerNode* local = area.member("local");
    REQUIRE(local != nullptr);
    CHECK(local->not_applicable());
    CHECK(local->na->id == "wide_area");
    CHECK_FALSE(is_known(local->value));

    const auto notes = annotations(rules(), &area);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].question->id == "status");
    CHECK(notes[0].na == nullptr);
    CHECK(notes[1].na->label.ja == "広域連合・一部事務組合が実施");
    CHECK(notes[1].notes->note == "広域連合が実施");
}

TEST_CASE("table rows may be 該当なし or carry notes; rows naming only their key are not answers", "[answering][na][table]") {
    const Answers a = parse("staff = 5\nrows = [\n  { key = \"a\", online = true, owner = \"市民課\" },\n  { key = \"b\", na = \"prefecture\" },\n]\n");
    const AnswerNode* rows = a.areas.at("area").member("rows");
    REQUIRE(rows != nullptr);
    REQUIRE(rows->items.size() == 2);
    CHECK(rows->items[0].notes_or_none().owner == "市民課");
    CHECK(rows->items[1].na->id == "prefecture");
    // Plugins see the reason as a column, so shares can leave the row out.
    REQUIRE(rows->items[1].member("na") != nullptr);
    CHECK(std::get<std::string>(rows->items[1].member("na")->value) == "prefecture");
    const auto notes = annotations(rules(), &a.areas.at("area"));
    REQUIRE(notes.size() == 2);
    CHECK(notes[1].row == "b");
    CHECK(notes[1].row_label.ja == "B 手続");

    // The template's pre-filled rows: the required column may be missing, and the rows are left out.
    const Answers blank = parse("staff = 5\nrows = [ { key = \"a\" }, { key = \"b\", online = false } ]\n");
    REQUIRE(blank.areas.at("area").member("rows")->items.size() == 1);
    const Answers none = parse("staff = 5\nrows = [ { key = \"a\" }, { key = \"b\" } ]\n");
    CHECK(none.areas.at("area").member("rows") == nullptr);
}

TEST_CASE("該当なし and notes are checked like any answer", "[answering][na][errors]") {
    const auto parse_text = [](const std::string& text) { (void)parse_answers(text, "answers.toml", {{&rules()}, {}}); };
    test::check_error_cases({
        {"N/A where the rules do not allow it", profile + "staff = { na = \"prefecture\" }\n", 8, 16, "cannot be marked not applicable (na)"},
        {"an unknown reason", profile + "local = { na = \"wide_aera\" }\n", 8, 16, "\"wide_aera\" is not a reason (did you mean 'wide_area'?)"},
        {"other without a note", profile + "local = { na = \"other\" }\n", 8, 16, "with na = \"other\", say why in note"},
        {"value and na together", profile + "local = { value = true, na = \"other\", note = \"x\" }\n", 8, 19, "give either value or na, not both"},
        {"neither value nor na", profile + "local = { note = \"照会中\" }\n", 8, 9, "give an answer (value = …) or mark it not applicable"},
        {"a typo in a note key", profile + "local = { value = true, nte = \"x\" }\n", 8, 31, "unknown key 'nte' (did you mean 'note'?)"},
        {"a whole table N/A", profile + "rows = { na = \"prefecture\" }\n", 8, 15, "mark rows not applicable one by one"},
        {"a note that is not text", profile + "local = { value = true, note = 3 }\n", 8, 32, "[area] local.note: expected a string"},
        {"a row reason that is unknown", profile + "rows = [ { key = \"a\", na = \"pref\" } ]\n", 8, 28, "is not a reason"},
    }, parse_text);
}

TEST_CASE("a criterion or check undecided only by 該当なし is not applicable, never failed", "[answering][na][scoring]") {
    const AreaResult r = score(parse("status = \"yes\"\ndetail = true\nlocal = { na = \"wide_area\" }\nstaff = 12\n"));
    CHECK_FALSE(criterion(r, "local").applicable);
    CHECK(criterion(r, "detail").applicable);
    // Level 2 holds on its one applicable criterion; level 3 holds too.
    CHECK(r.level == 3);
    CHECK(r.levels[1].applicable() == 1);
    CHECK(r.findings.empty());
    CHECK(r.not_applicable_checks == std::vector<std::string>{"not_local"});
    CHECK(r.unchecked.empty());
    CHECK(r.answered == 4);
}

TEST_CASE("ask_if skips a question: not counted, not unanswered, and what it asks is not in place", "[answering][ask_if]") {
    AreaResult r = score(parse("status = \"none\"\nstaff = 3\n"));
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0]->id == "detail");
    CHECK(r.question_count == 4);  // status, local, staff, rows: detail is not asked
    CHECK(r.answered == 2);
    CHECK(r.unanswered.size() == 2);
    CHECK(r.complete());
    CHECK(std::get<bool>(criterion(r, "detail").outcome) == false);

    // Answered anyway: a warning (the answer is listed as ignored), not an error, and not used.
    r = score(parse("status = \"none\"\ndetail = true\nlocal = true\nstaff = 3\n"));
    REQUIRE(r.ignored.size() == 1);
    CHECK(r.ignored[0]->id == "detail");
    CHECK(std::get<bool>(criterion(r, "detail").outcome) == false);

    // Unknown condition (status unanswered): the question is asked.
    r = score(parse("staff = 3\n"));
    CHECK(r.skipped.empty());

    // Plugins never see an answer to a question not asked.
    const Answers given = parse("status = \"none\"\ndetail = true\nstaff = 3\n");
    const auto asked = without_skipped_answers(rules(), &given.areas.at("area"), given.profile);
    REQUIRE(asked.has_value());
    CHECK(asked->member("detail") == nullptr);
    CHECK(asked->member("staff") != nullptr);
    const Answers plain = parse("status = \"yes\"\ndetail = true\nstaff = 3\n");
    CHECK_FALSE(without_skipped_answers(rules(), &plain.areas.at("area"), plain.profile).has_value());
}

TEST_CASE("ask_if is checked at load: a boolean on earlier questions and the profile, placed exactly", "[answering][ask_if][errors]") {
    const auto with = [](const std::string& ask_if) {
        return std::string(rules_text).replace(std::string(rules_text).find("ask_if = 'status == \"yes\"'"),
                                               std::string("ask_if = 'status == \"yes\"'").size(), "ask_if = '" + ask_if + "'");
    };
    const auto load = [](const std::string& text) { (void)parse_rule_set(text, "area.toml", {}); };
    test::check_error_cases({
        {"a later question", with("staff > 3"), 20, 11, "unknown name 'staff'"},
        {"not a boolean", with("status"), 20, 11, "a condition must be a boolean expression"},
        {"a choice that does not exist", with("status == \"yse\""), 20, 21, "yse"},
        {"a syntax error", with("status ==="), 20, 20, "may read earlier questions and the profile only"},
    }, load);
    CHECK_NOTHROW(load(with("profile.population < 5000 and status == \"yes\"")));
}

TEST_CASE("an area missing required answers is incomplete and stays out of the overall figures", "[answering][completeness]") {
    const AreaResult incomplete = score(parse("status = \"yes\"\ndetail = true\nlocal = true\n"));
    CHECK_FALSE(incomplete.complete());
    REQUIRE(incomplete.missing_required.size() == 1);
    CHECK(incomplete.missing_required[0]->id == "staff");
    CHECK(incomplete.completeness() == 0.5);

    AreaResult complete = score(parse("status = \"yes\"\ndetail = true\nlocal = true\nstaff = 120\n"));
    CHECK(complete.complete());
    CHECK(complete.level == 4);
    CHECK(complete.score == 80);
    complete.area = "other";

    Model model;
    model.areas = {{"area", {}, {}, 1.0}, {"other", {}, {}, 1.0}};
    const OverallResult o = combine(model, {incomplete, complete});
    CHECK_FALSE(o.complete);
    CHECK(o.assessed == 1);
    CHECK(o.index == 80);
    CHECK(o.mean_level == 4.0);

    // A profile-only file: nothing assessed, no figure at all.
    const OverallResult nothing = combine(model, {score(parse(""))});
    CHECK(nothing.assessed == 0);
}

TEST_CASE("the mean level is a mean, one decimal; never floor-rounded to 未着手", "[answering][scoring]") {
    Model model;
    std::vector<AreaResult> areas(6);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        areas[i].area = "a" + std::to_string(i);
        areas[i].scored = true;
        areas[i].level = i == 0 ? 0 : 1;
        areas[i].score = i == 0 ? 10 : 30;
    }
    const OverallResult o = combine(model, areas);
    CHECK(o.mean_level == 0.8);
    CHECK(o.level == 0);  // kept for schema 1.0 readers only
}

TEST_CASE("TOML typos are explained in Japanese with the fix, every line that has one", "[answering][hints]") {
    const std::string text = profile + "share = 78%\ncount = ３５\nname = 札幌\nflag = True\n";
    const InputError e = test::input_error([&] { (void)parse_answers(text, "answers.toml", {{&rules()}, {}}); });
    INFO(e.format(Lang::ja));
    REQUIRE(e.diagnostics().size() == 4);
    CHECK(test::has_diagnostic(e, 8, 11, "(78% → 0.78)"));
    CHECK(e.diagnostics()[0].message.ja.find("割合は 0〜1 の小数で書きます（78% → 0.78）") != std::string::npos);
    CHECK(test::has_diagnostic(e, 9, 9, "write digits in ASCII (３５ → 35)"));
    CHECK(e.diagnostics()[1].message.ja.find("数字は半角で書いてください") != std::string::npos);
    CHECK(test::has_diagnostic(e, 10, 8, "quote text as \"…\" (e.g. \"札幌\")"));
    CHECK(test::has_diagnostic(e, 11, 8, "write true and false in lower case (True → true)"));

    // A full-width space, and an error the hints do not know keeps the parser's own words.
    const InputError space = test::input_error([&] { (void)parse_answers(profile + "count\u3000= 3\n", "answers.toml", {{&rules()}, {}}); });
    CHECK(test::has_diagnostic(space, 8, 6, "full-width space"));
    const InputError both = test::input_error([&] { (void)parse_answers(profile + "share = ７８%\n", "answers.toml", {{&rules()}, {}}); });
    CHECK(test::has_diagnostic(both, 8, 9, "write digits in ASCII, and a share as a decimal between 0 and 1 (７８% → 0.78)"));
    const InputError other = test::input_error([&] { (void)parse_answers(profile + "[area\n", "answers.toml", {{&rules()}, {}}); });
    REQUIRE(other.diagnostics().size() == 1);
    CHECK(other.diagnostics()[0].message.en.rfind("TOML syntax error: ", 0) == 0);
}

TEST_CASE("JSON answers (batch lines) take notes and 該当なし the same way", "[answering][json]") {
    const std::string json = R"({"profile": {"code": "011002", "name": "札幌市", "prefecture": "北海道", "population": 1950000, "fiscal_year": 2025},
        "area": {"staff": {"value": 3, "note": "4月1日時点"}, "local": {"na": "no_scheme"},
                 "rows": [{"key": "a", "online": true}, {"key": "b", "na": "prefecture", "owner": "市民課"}]}})";
    const Answers a = parse_answers_json(json, "line 1", {{&rules()}, {}});
    const AnswerNode& area = a.areas.at("area");
    CHECK(std::get<std::int64_t>(area.member("staff")->value) == 3);
    CHECK(area.member("staff")->notes_or_none().note == "4月1日時点");
    CHECK(area.member("local")->na->id == "no_scheme");
    REQUIRE(area.member("rows")->items.size() == 2);
    CHECK(area.member("rows")->items[1].na->id == "prefecture");
    CHECK(area.member("rows")->items[1].notes_or_none().owner == "市民課");
    CHECK(a.profile.as_of == Date{2025, 4, 1});
}
