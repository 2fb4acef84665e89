// Answers files: profile, types, bounds, choices, unknown names — each error with its place.
#include "test_support.hpp"

#include "dxassess/engine/answers.hpp"

#include "answers_canonical.hpp"
#include "answers_json_fast.hpp"

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
id = "count"
type = "integer"
min = 0
max = 100
ja = "数"
en = "count"

[[questions]]
id = "share"
type = "ratio"
ja = "割合"
en = "share"

[[questions]]
id = "mode"
type = "choice"
ja = "方式"
en = "mode"
choices = [ { id = "formal", ja = "正式に導入", en = "Formal" }, { id = "trial", ja = "試行", en = "Trial" } ]

[[questions]]
id = "forms"
type = "multi-choice"
ja = "形態"
en = "forms"
choices = [ { id = "home", ja = "在宅", en = "Home" }, { id = "mobile", ja = "モバイル", en = "Mobile" } ]

[[questions]]
id = "since"
type = "date"
ja = "日付"
en = "date"

[[questions]]
id = "flag"
type = "bool"
ja = "有無"
en = "flag"

[[questions]]
id = "systems"
type = "table"
ja = "システム"
en = "systems"
max_rows = 3
columns = [
  { id = "business", type = "choice", key = true, required = true, ja = "業務", en = "business", choices = [ { id = "a", ja = "A", en = "A" }, { id = "b", ja = "B", en = "B" } ] },
  { id = "done", type = "bool", ja = "完了", en = "done" },
]

[[levels]]
level = 1
source = "s"
criteria = [ { when = 'count >= 1', ja = "a", en = "a" } ]
[[levels]]
level = 2
source = "s"
criteria = [ { when = 'count >= 2', ja = "a", en = "a" } ]
[[levels]]
level = 3
source = "s"
criteria = [ { when = 'count >= 3', ja = "a", en = "a" } ]
[[levels]]
level = 4
source = "s"
criteria = [ { when = 'count >= 4', ja = "a", en = "a" } ]
[[levels]]
level = 5
source = "s"
criteria = [ { when = 'count >= 5', ja = "a", en = "a" } ]
)";

const std::string profile =
    "[profile]\n"                    // 1
    "code = \"011002\"\n"            // 2
    "name = \"札幌市\"\n"            // 3
    "prefecture = \"北海道\"\n"      // 4
    "population = 1950000\n"         // 5
    "fiscal_year = 2025\n"           // 6
    "as_of = 2025-10-01\n"           // 7
    "\n"                             // 8
    "[area]\n";                      // 9  (answers start on line 10)

const RuleSet& rules() {
    static const RuleSet rs = parse_rule_set(rules_text, "area.toml", {});
    return rs;
}

Answers parse(const std::string& area_lines, const std::vector<std::string>& other = {}) {
    return parse_answers(profile + area_lines, "answers.toml", {{&rules()}, other});
}

void parse_text(const std::string& text) { (void)parse_answers(text, "answers.toml", {{&rules()}, {}}); }

}  // namespace

TEST_CASE("valid answers are typed and kept in questionnaire order", "[answers]") {
    const Answers a = parse("flag = true\ncount = 3\nshare = 0.5\nmode = \"試行\"\nforms = [\"home\", \"モバイル\"]\nsince = 2024-04-01\n");
    CHECK(a.profile.code == "011002");
    CHECK(a.profile.name == "札幌市");
    CHECK(a.profile.as_of == Date{2025, 10, 1});
    const AnswerNode& area = a.areas.at("area");
    REQUIRE(area.members.size() == 6);
    CHECK(area.members[0].first == "count");  // questionnaire order, not file order
    CHECK(std::get<std::int64_t>(area.member("count")->value) == 3);
    CHECK(std::get<double>(area.member("share")->value) == 0.5);
    CHECK(std::get<std::string>(area.member("mode")->value) == "trial");  // a label is accepted, stored as the id
    CHECK(std::get<StringList>(area.member("forms")->value) == StringList{"home", "mobile"});
    CHECK(area.member("forms")->items.size() == 2);
    CHECK(std::get<Date>(area.member("since")->value) == Date{2024, 4, 1});
    CHECK(area.member("flag") != nullptr);
}

TEST_CASE("table questions hold rows of typed columns", "[answers][table]") {
    const Answers a = parse("systems = [ { business = \"a\", done = true }, { business = \"B\", note = \"照会中\" } ]\n");
    const AnswerNode* t = a.areas.at("area").member("systems");
    REQUIRE(t != nullptr);
    CHECK(t->is_list);
    REQUIRE(t->items.size() == 2);
    CHECK(t->items[0].is_table);
    CHECK(std::get<std::string>(t->items[1].member("business")->value) == "b");
    CHECK(std::get<bool>(t->items[0].member("done")->value));
    CHECK(t->items[1].member("done") == nullptr);
    CHECK(t->items[1].notes_or_none().note == "照会中");
}

TEST_CASE("table rows are checked cell by cell", "[answers][table][errors]") {
    test::check_error_cases({
        {"not an array of rows", profile + "systems = 3\n", 10, 11, "[area] systems: expected a table"},
        {"missing required column", profile + "systems = [ { done = true } ]\n", 10, 13, "[area] systems[1]: missing required column 'business'"},
        {"unknown column", profile + "systems = [ { business = \"a\", dnoe = true } ]\n", 10, 38, "unknown column 'dnoe' (did you mean 'done'?)"},
        {"wrong cell type", profile + "systems = [ { business = \"a\", done = 1 } ]\n", 10, 38, "[area] systems[1].done: expected a boolean"},
        {"duplicate key column", profile + "systems = [ { business = \"a\" }, { business = \"a\" } ]\n", 10, 46, "column business value \"a\" appears in more than one row"},
        {"too many rows", profile + "systems = [ { business = \"a\" }, {}, {}, {} ]\n", 10, 11, "4 rows is out of range (..3)"},
    }, parse_text);
}

TEST_CASE("unanswered questions are absent and as_of defaults to 1 April of the fiscal year, whatever the day", "[answers]") {
    std::string text = test::with_line(profile + "count = 1\n", 7, "");
    const Answers a = parse_answers(text, "answers.toml", {{&rules()}, {}});
    CHECK(a.areas.at("area").member("share") == nullptr);
    CHECK(a.profile.as_of == Date{2025, 4, 1});
}

TEST_CASE("malformed answers are reported with file:line:column", "[answers][errors]") {
    test::check_error_cases({
        {"wrong type", profile + "count = \"3\"\n", 10, 9, "[area] count: expected an integer, found string"},
        {"out of range", profile + "count = 101\n", 10, 9, "[area] count: 101 is out of range (0..100)"},
        {"ratio given as a percentage", profile + "share = 45\n", 10, 9, "a ratio is between 0 and 1 (45% is 0.45)"},
        {"unknown choice with a hint", profile + "mode = \"formel\"\n", 10, 8, "\"formel\" is not a choice (did you mean 'formal'?)"},
        {"duplicate multi-choice", profile + "forms = [\"home\", \"home\"]\n", 10, 18, "duplicate choice \"home\""},
        {"date written as a string", profile + "since = \"2024-04-01\"\n", 10, 9, "expected a date"},
        {"unknown question with a hint", profile + "cuont = 1\n", 10, 9, "unknown question 'cuont' (did you mean 'count'?)"},
        {"unknown area with a hint", profile + "count = 1\n[aera]\nx = 1\n", 11, 1, "unknown area 'aera' (did you mean 'area'?)"},
        {"bad check digit", test::with_line(profile, 2, "code = \"011003\""), 2, 8, "invalid local government code '011003'"},
        {"code as a number", test::with_line(profile, 2, "code = 11002"), 2, 8, "write the local government code as a string"},
        {"population out of range", test::with_line(profile, 5, "population = 0"), 5, 14, "population must be 1..50,000,000"},
        {"missing profile key", test::with_line(profile, 3, ""), 1, 1, "missing required key 'name'"},
        {"TOML syntax error", profile + "count = = 1\n", 10, 9, "TOML syntax error"},
        {"invalid UTF-8", test::with_line(profile, 3, "name = \"\xe6\x9c\""), 3, 9, "invalid UTF-8"},
    }, parse_text);
}

TEST_CASE("local government codes are checked with the check digit", "[answers]") {
    for (const char* ok : {"011002", "131016", "131008", "142018", "130001", "010006", "271403", "033014", "110001", "090000"})
        CHECK(valid_local_government_code(ok));
    for (const char* bad : {"011003", "01100", "0110021", "01100a", "481001", "000000"})
        CHECK_FALSE(valid_local_government_code(bad));
}

TEST_CASE("sections of known but unchecked areas are kept", "[answers]") {
    const Answers a = parse("count = 1\n[security]\nanything = 1\n", {"security"});
    CHECK(a.areas.count("security") == 1);
}

TEST_CASE("missing answers file", "[answers][errors]") {
    const InputError e = test::input_error([] { (void)load_answers("/nonexistent/answers.toml", {{&rules()}, {}}); });
    CHECK_THAT(e.format(Lang::en), Catch::Contains("/nonexistent/answers.toml: file not found"));
    CHECK_THAT(e.format(Lang::ja), Catch::Contains("ファイルが見つかりません"));
}

namespace {

const std::string json_profile =
    R"("profile": {"code": "011002", "name": "札幌市", "prefecture": "北海道", "population": 1950000, "fiscal_year": 2025)";

}  // namespace

TEST_CASE("the JSON answers fast path accepts exactly what the checked path accepts, with the same values", "[answers][json]") {
    const AnswerSchema schema{{&rules()}, {"other"}};
    const auto with = [&](const std::string& profile_extra, const std::string& area, const std::string& rest = "") {
        return "{" + json_profile + profile_extra + "}, \"area\": {" + area + "}" + rest + "}";
    };
    // Valid as they stand: the fast path must take them.
    const std::vector<std::string> valid = {
        with("", ""),
        with(R"(, "as_of": "2025-10-01", "type": "designated_city")",
             R"("flag": true, "count": 3, "share": 0.5, "mode": "試行", "forms": ["home", "Mobile"], "since": "2024-04-01")"),
        with("", R"("share": 1, "count": 0, "systems": [{"business": "a", "done": true}, {"business": "B", "done": false}])"),
        with("", R"("systems": [], "forms": [])", R"(, "targets": {"area": 4})"),
        with("", R"("mode": "formal", "count": 100, "share": 0.0, "since": "2000-02-29")"),
    };
    for (const auto& text : valid) {
        INFO(text);
        const auto fast = read_valid_answers_json(text, "line", schema);
        REQUIRE(fast.has_value());
        CHECK(canonical(*fast) == canonical(parse_answers_json_checked(text, Location{"line"}, schema)));
    }
    // Anything else: the fast path declines, and the checked path rejects it or reads the same.
    const std::vector<std::string> other = {
        "{ broken", "[]", "{}", with("", R"("count": 101)"), with("", R"("count": -1)"), with("", R"("count": 3.0)"),
        with("", R"("count": 9223372036854775808)"), with("", R"("share": 1.5)"), with("", R"("share": "50%")"),
        with("", R"("mode": "formally")"), with("", R"("forms": ["home", "home"])"), with("", R"("forms": ["home", 1])"),
        with("", R"("since": "2024-02-30")"), with("", R"("since": 20240401)"), with("", R"("flag": null)"),
        with("", R"("flag": "true")"), with("", R"("unknown": 1)"), with("", R"("count": 1, "count": 2)"),
        with("", R"("systems": [{"business": "a"}, {"business": "A"}])"), with("", R"("systems": [{"done": true}])"),
        with("", R"("systems": [{"business": "a", "extra": 1}])"),
        with("", R"("systems": [{"business": "a"}, {"business": "b"}, {"business": "a"}, {"business": "b"}])"),
        with("", R"("systems": {"business": "a"})"), with(R"(, "type": "metropolis")", ""), with(R"(, "as_of": "soon")", ""),
        with(R"(, "extra": 1)", ""), with("", "", R"(, "targets": {"area": 6})"), with("", "", R"(, "targets": {"nowhere": 1})"),
        with("", "", R"(, "other": {"anything": 1})"), with("", "", R"(, "elsewhere": {})"),
        R"({"profile": {"code": "011003", "name": "x", "prefecture": "y", "population": 1, "fiscal_year": 2025}})",
        R"({"profile": {"code": "011002", "name": "x", "prefecture": "y", "population": 0, "fiscal_year": 2025}})",
        R"({"profile": {"code": "011002", "name": "x", "prefecture": "y", "population": 1, "fiscal_year": 1999}})",
        R"({"profile": {"code": "011002", "name": "x", "prefecture": "y", "population": 1}})",
        "{\"profile\": {\"code\": \"011002\", \"name\": \"\xff\"}}",
    };
    for (const auto& text : other) {
        INFO(text);
        CHECK_FALSE(read_valid_answers_json(text, "line", schema).has_value());
        try {
            const Answers checked = parse_answers_json_checked(text, Location{"line"}, schema);
            CHECK(canonical(checked) == canonical(parse_answers_json(text, "line", schema)));
        } catch (const InputError&) {
            CHECK_THROWS_AS(parse_answers_json(text, "line", schema), InputError);
        }
    }
}

TEST_CASE("answers read into reused storage are the answers read fresh, whatever was there before", "[answers][json]") {
    const AnswerSchema schema{{&rules()}, {"other"}};
    const auto with = [&](const std::string& profile_extra, const std::string& area, const std::string& rest = "") {
        return "{" + json_profile + profile_extra + "}, \"area\": {" + area + "}" + rest + "}";
    };
    // Different shapes one after another: more and fewer answers, rows and choices, another type in
    // the same place, optional profile fields given and not, an area present and absent, a text only
    // the checked path reads (a label), and one that fails.
    const std::vector<std::string> texts = {
        with(R"(, "staff": 40, "peer_group": "town_1_0", "type": "town", "as_of": "2025-10-01")",
             R"("flag": true, "count": 3, "share": 0.5, "mode": "trial", "forms": ["home", "mobile"], "since": "2024-04-01",)"
             R"("systems": [{"business": "a", "done": true}, {"business": "b", "done": false}])",
             R"(, "targets": {"area": 4})"),
        with("", R"("systems": [{"business": "a", "done": false}, {"business": "b"}], "forms": ["mobile"])"),
        "{" + json_profile + "}}",
        with("", R"("count": 101)"),
        with(R"(, "staff": 7)", R"("mode": "試行", "forms": [], "count": 0, "share": 1)"),
        with("", R"("mode": "formal", "since": "2000-02-29", "systems": [{"business": "b", "done": true}, {"business": "a", "done": true}])"),
        with("", ""),
    };
    const auto same_as_fresh = [&](const std::string& text, Answers& reused) {
        INFO(text);
        std::optional<Answers> fresh;
        try {
            fresh = parse_answers_json(text, Location{"line", 1, 0}, schema);
        } catch (const InputError&) {
        }
        if (!fresh) {
            CHECK_THROWS_AS(parse_answers_json_into(text, Location{"line", 1, 0}, schema, reused), InputError);
            return;
        }
        parse_answers_json_into(text, Location{"line", 1, 0}, schema, reused);
        CHECK(canonical(reused) == canonical(*fresh));
        CHECK(reused.profile.staff == fresh->profile.staff);
        CHECK(reused.profile.peer_group == fresh->profile.peer_group);
        CHECK(reused.areas.size() == fresh->areas.size());
    };
    Answers reused;
    for (const auto& text : texts) same_as_fresh(text, reused);
    for (auto it = texts.rbegin(); it != texts.rend(); ++it) same_as_fresh(*it, reused);
    for (const auto& text : texts) same_as_fresh(text, reused);
}

TEST_CASE("UTF-8 is checked byte by byte, also inside long ASCII runs", "[utf8]") {
    const std::string ascii(37, 'a');  // odd length: the eight-byte steps end anywhere
    for (const std::string& good : {std::string(""), ascii, ascii + "日本語", "é" + ascii + "😀", ascii + "\x7f"}) {
        INFO(good);
        CHECK(is_valid_utf8(good));
    }
    const std::vector<std::string> bad = {"\xff", "\xc0\xaf",          // invalid byte, overlong '/'
                                          "\xed\xa0\x80",               // UTF-16 surrogate
                                          "\xf4\x90\x80\x80",           // beyond U+10FFFF
                                          "\xe6\x97"};                  // cut short
    for (const auto& b : bad)
        for (const std::size_t at : {std::size_t{0}, std::size_t{7}, std::size_t{8}, std::size_t{9}, std::size_t{37}}) {
            const std::string s = ascii.substr(0, at) + b + ascii.substr(at);
            INFO(at);
            CHECK_FALSE(is_valid_utf8(s));
        }
}

TEST_CASE("the profile's common facts: staff and 類似団体区分, written as a label, with ASCII numerals or as an id", "[answers][profile]") {
    const auto with = [](const std::string& extra) {
        return parse_answers("[profile]\ncode = \"034843\"\nname = \"田野畑村\"\nprefecture = \"岩手県\"\npopulation = 3100\n"
                             "fiscal_year = 2025\n" + extra + "\n[area]\n",
                             "answers.toml", {{&rules()}, {}});
    };
    CHECK(with("staff = 38\npeer_group = \"町村Ⅰ-0\"").profile.peer_group == "town_1_0");
    CHECK(with("peer_group = \"町村I-0\"").profile.peer_group == "town_1_0");
    CHECK(with("peer_group = \"都市IV-3\"").profile.peer_group == "city_4_3");
    CHECK(with("peer_group = \"core_city\"").profile.peer_group == "core_city");
    CHECK(with("staff = 38").profile.staff == 38);
    CHECK(profile_value(with("").profile, 2) == Value{});  // not given: unknown, never 0
    CHECK(peer_groups().size() == 4 + 16 + 15);            // 政令市・特別区・中核市・施行時特例市, 都市 16, 町村 15 類型

    const InputError e = test::input_error([&] { (void)with("staff = 0\npeer_group = \"町村Ⅵ-1\""); });
    INFO(e.format(Lang::en));
    CHECK(test::has_diagnostic(e, 7, 9, "staff must be 1..500,000: 0"));
    CHECK(test::has_diagnostic(e, 8, 14, "unknown peer group '町村Ⅵ-1' (did you mean '町村Ⅰ-1'?)"));
}

TEST_CASE("rules read the profile's peer group with its ids checked at load", "[answers][profile]") {
    const std::string base = rules_text;
    const auto with_check = [&](const std::string& when) {
        return base + "[[checks]]\nid = \"peer\"\nseverity = \"info\"\nwhen = '" + when +
               "'\nja = \"x\"\nen = \"x\"\nadvice_ja = \"x\"\nadvice_en = \"x\"\nsource = \"s 2024\"\n";
    };
    CHECK_NOTHROW(parse_rule_set(with_check("profile.peer_group == \"town_1_0\" and profile.staff < 100"), "area.toml", {}));
    const InputError e = test::input_error([&] { (void)parse_rule_set(with_check("profile.peer_group == \"town_9_9\""), "area.toml", {}); });
    CHECK_THAT(e.format(Lang::en), Catch::Contains("town_9_9"));
}
