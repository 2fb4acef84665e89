// Malformed rule files: each error names its line and column and what was expected.
#include "test_support.hpp"

#include "dxassess/engine/rule_set.hpp"

using namespace dxassess::engine;

namespace {

// Line numbers matter: the cases below replace single lines of this text.
const std::string base =
    "[area]\n"                                                                       // 1
    "id = \"t\"\n"                                                                   // 2
    "version = \"1\"\n"                                                              // 3
    "title_ja = \"t\"\n"                                                             // 4
    "title_en = \"t\"\n"                                                             // 5
    "source = \"s\"\n"                                                               // 6
    "\n"                                                                             // 7
    "[[questions]]\n"                                                                // 8
    "id = \"q\"\n"                                                                   // 9
    "type = \"integer\"\n"                                                           // 10
    "ja = \"q\"\n"                                                                   // 11
    "en = \"q\"\n"                                                                   // 12
    "\n"                                                                             // 13
    "[[questions]]\n"                                                                // 14
    "id = \"c\"\n"                                                                   // 15
    "type = \"choice\"\n"                                                            // 16
    "ja = \"c\"\n"                                                                   // 17
    "en = \"c\"\n"                                                                   // 18
    "choices = [ { id = \"yes\", ja = \"Y\", en = \"Y\" }, { id = \"no\", ja = \"N\", en = \"N\" } ]\n"  // 19
    "\n"                                                                             // 20
    "[[levels]]\n"                                                                   // 21
    "level = 1\n"                                                                    // 22
    "source = \"s\"\n"                                                               // 23
    "criteria = [ { when = 'q >= 1', ja = \"a\", en = \"a\" } ]\n"                  // 24
    "[[levels]]\n"                                                                   // 25
    "level = 2\n"                                                                    // 26
    "source = \"s\"\n"                                                               // 27
    "criteria = [ { when = 'q >= 2', ja = \"a\", en = \"a\" } ]\n"                  // 28
    "[[levels]]\n"                                                                   // 29
    "level = 3\n"                                                                    // 30
    "source = \"s\"\n"                                                               // 31
    "criteria = [ { when = 'q >= 3', ja = \"a\", en = \"a\" } ]\n"                  // 32
    "[[levels]]\n"                                                                   // 33
    "level = 4\n"                                                                    // 34
    "source = \"s\"\n"                                                               // 35
    "criteria = [ { when = 'q >= 4', ja = \"a\", en = \"a\" } ]\n"                  // 36
    "[[levels]]\n"                                                                   // 37
    "level = 5\n"                                                                    // 38
    "source = \"s\"\n"                                                               // 39
    "criteria = [ { when = 'q >= 5', ja = \"a\", en = \"a\" } ]\n"                  // 40
    "\n"                                                                             // 41
    "[[checks]]\n"                                                                   // 42
    "id = \"k\"\n"                                                                   // 43
    "severity = \"high\"\n"                                                          // 44
    "when = 'c == \"no\"'\n"                                                         // 45
    "ja = \"k\"\n"                                                                   // 46
    "en = \"k\"\n"                                                                   // 47
    "advice_ja = \"a\"\n"                                                            // 48
    "advice_en = \"a\"\n"                                                            // 49
    "source = \"s\"\n";                                                              // 50

// A criterion's condition starts at column 24 of its line; a check's at column 9.
std::string criterion(const std::string& when) { return "criteria = [ { when = '" + when + "', ja = \"a\", en = \"a\" } ]"; }

struct Case {
    const char* name;
    int line_to_replace;
    std::string replacement;
    unsigned line;
    unsigned column;
    const char* message;
};

InputError parse_error(const std::string& text, const PluginSymbols& symbols = {}, const std::string& expected = "") {
    return test::input_error([&] { (void)parse_rule_set(text, "bad.toml", symbols, expected); });
}

}  // namespace

TEST_CASE("the base rule file is valid", "[rules]") {
    const RuleSet rs = parse_rule_set(base, "good.toml", {});
    CHECK(rs.area == "t");
    CHECK(rs.questions.size() == 2);
    CHECK(rs.levels.size() == 5);
    CHECK(rs.checks.size() == 1);
}

TEST_CASE("malformed rule files are reported with file:line:column", "[rules][errors]") {
    const std::vector<Case> cases = {
        {"TOML syntax error", 3, "version = \"1", 3, 13, "TOML syntax error"},
        {"wrong type", 3, "version = 1", 3, 11, "'version' must be a string, found integer"},
        {"unknown question type", 10, "type = \"chioce\"", 10, 8, "unknown question type 'chioce' (did you mean 'choice'?)"},
        {"duplicate question id", 15, "id = \"q\"", 15, 6, "duplicate question id 'q'"},
        {"choice question without choices", 19, "", 14, 1, "a choice question needs 'choices'"},
        {"min greater than max", 13, "min = 5\nmax = 1", 13, 7, "min (5.000000) is greater than max (1.000000)"},
        {"level out of range", 22, "level = 6", 22, 9, "level must be 1..5"},
        {"duplicate level", 26, "level = 1", 26, 9, "duplicate level 1"},
        {"expression syntax error", 24, criterion("q >"), 24, 27, "expected a value, found end of expression"},
        {"unknown name in a condition", 24, criterion("qq >= 1"), 24, 24, "unknown name 'qq' (did you mean 'q'?)"},
        {"type mismatch in a condition", 28, criterion("q and true"), 28, 24, "operator 'and' expects bool, got integer"},
        {"condition that is not boolean", 32, criterion("q + 1"), 32, 24, "a condition must be a boolean expression"},
        {"string that is not a choice", 45, "when = 'c == \"nope\"'", 45, 14, "\"nope\" is not a choice of c"},
        {"unknown key with a hint", 11, "jaa = \"q\"", 11, 7, "unknown key 'jaa' (did you mean 'ja'?)"},
        {"unknown severity", 44, "severity = \"hihg\"", 44, 12, "unknown severity 'hihg' (did you mean 'high'?)"},
        {"check without a source", 50, "", 42, 1, "missing required key 'source'"},
        {"question id that is not a name", 9, "id = \"Q-1\"", 9, 6, "must match [a-z_][a-z0-9_]*"},
        {"bounds on a ratio", 10, "type = \"ratio\"\nmin = 0", 11, 7, "min / max apply to integer and number questions only"},
        {"invalid UTF-8", 4, "title_ja = \"\xff\"", 4, 13, "invalid UTF-8"},
        {"level without criteria", 36, "criteria = []", 36, 12, "level 4 has no criteria"},
        {"condition in a multi-line string", 45, "when = \"\"\"\nc == \"no\" and\n  qx > 1\"\"\"", 47, 3, "unknown name 'qx'"},
        {"table question without columns", 10, "type = \"table\"", 8, 1, "missing required key 'columns'"},
        {"table column that is a table", 10, "type = \"table\"\ncolumns = [ { id = \"x\", type = \"table\", ja = \"x\", en = \"x\" } ]", 11, 32, "a table column cannot itself be a table"},
        {"escape sequences before the error", 45, "when = \"c == \\\"no\\\" and zz\"", 45, 25, "unknown name 'zz'"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            const std::string text = test::with_line(base, c.line_to_replace, c.replacement);
            const InputError e = parse_error(text);
            INFO(e.format(Lang::en));
            CHECK(test::has_diagnostic(e, c.line, c.column, c.message));
            CHECK(e.diagnostics().front().where.file == "bad.toml");
            CHECK_FALSE(e.diagnostics().front().message.ja.empty());
        }
    }
}

TEST_CASE("all problems of a rule file are reported together", "[rules][errors]") {
    std::string text = test::with_line(base, 3, "version = 1");
    text = test::with_line(text, 44, "severity = \"hihg\"");
    const InputError e = parse_error(text);
    CHECK(e.diagnostics().size() == 2);
    CHECK_THAT(e.format(Lang::en), Catch::Contains("bad.toml:3:11:") && Catch::Contains("bad.toml:44:12:"));
    CHECK_THAT(e.format(Lang::ja), Catch::Contains("不明な重大度"));
}

TEST_CASE("rule sets are checked against the plugin's facts", "[rules][errors]") {
    PluginSymbols symbols;
    symbols.facts["share"] = {Type::number, {}};
    symbols.functions["band"] = {{Type::number}, Type::string};
    const std::string uses_fact = test::with_line(base, 24, criterion("share >= 50% and band(share) == \"x\""));
    CHECK_NOTHROW(parse_rule_set(uses_fact, "ok.toml", symbols));
    // Without the plugin's declarations the same names are unknown.
    CHECK(test::has_diagnostic(parse_error(uses_fact), 24, 24, "unknown name 'share'"));
    // [display] percent names number facts only.
    CHECK_NOTHROW(parse_rule_set(base + "[display]\npercent = [\"share\"]\n", "ok.toml", symbols));
    CHECK(test::has_diagnostic(parse_error(base + "[display]\npercent = [\"shar\"]\n", symbols), 52, 12,
                               "[display] percent lists number facts of the plugin (did you mean 'share'?)"));
    // A question may not shadow a fact.
    symbols.facts["q"] = {Type::integer, {}};
    CHECK(test::has_diagnostic(parse_error(base, symbols), 9, 6, "clashes with a fact"));
}

TEST_CASE("conditions cannot read table questions directly", "[rules][errors]") {
    const std::string text = test::with_line(test::with_line(base, 24, criterion("q")), 10,
                                             "type = \"table\"\ncolumns = [ { id = \"x\", type = \"bool\", ja = \"x\", en = \"x\" } ]");
    // Line numbers below the insertion shift by one.
    CHECK(test::has_diagnostic(parse_error(text), 25, 24, "'q' is a table question; conditions use the facts the plugin derives"));
}

TEST_CASE("a rule file for another area is refused", "[rules][errors]") {
    CHECK(test::has_diagnostic(parse_error(base, {}, "telework"), 2, 6, "rule file is for area 't' but 'telework' was expected"));
}

TEST_CASE("missing and oversized rule files", "[rules][errors]") {
    test::TempDir dir;
    const InputError missing = test::input_error([&] { (void)load_rule_set((dir.path() / "none.toml").string(), {}); });
    CHECK_THAT(missing.format(Lang::en), Catch::Contains("none.toml: file not found"));
    const std::string big = dir.file("big.toml", std::string(9 * 1024 * 1024, '#'));
    const InputError huge = test::input_error([&] { (void)load_rule_set(big, {}); });
    CHECK_THAT(huge.format(Lang::en), Catch::Contains("big.toml: file too large"));
}
