// Reference data (rules/reference.toml): national figures, deadlines and newest-version dates kept as
// data. Checked at load with file:line:column; named in conditions (ref.<id>) and texts ({ref.<id>});
// read by plugins through the host, so that changing a figure changes a finding without a rebuild.
#include "test_support.hpp"

#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_session.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/scoring.hpp"

#include <fstream>
#include <sstream>

using namespace dxassess;
using namespace dxassess::engine;

namespace {

const std::string figures =
    "version = \"test\"\n"
    "updated = 2026-12-02\n"
    "[[figures]]\n"
    "id = \"card_holding_national\"\n"
    "type = \"ratio\"\n"
    "value = 0.812\n"
    "as_of = 2026-01-31\n"
    "ja = \"保有枚数率（全国）\"\n"
    "en = \"holding ratio (national)\"\n"
    "source = \"総務省 2026年1月末\"\n"
    "[[figures]]\n"
    "id = \"deadline\"\n"
    "type = \"date\"\n"
    "value = 2026-03-31\n"
    "as_of = 2023-09-08\n"
    "ja = \"期限\"\n"
    "en = \"deadline\"\n"
    "source = \"基本方針 2023-09-08\"\n"
    "[[figures]]\n"
    "id = \"count\"\n"
    "type = \"integer\"\n"
    "value = 1065\n"
    "as_of = 2025-03-31\n"
    "ja = \"団体数\"\n"
    "en = \"governments\"\n"
    "source = \"KPI 2024年度\"\n";

const std::string area_rules(const std::string& threshold_text) {
    return "[area]\nid = \"area\"\nversion = \"1\"\ntitle_ja = \"t\"\ntitle_en = \"t\"\nsource = \"s 2024\"\n"
           "plan_version = \"第2.3版\"\nplan_date = 2024-02-05\n"
           "[[questions]]\nid = \"ratio\"\ntype = \"ratio\"\nja = \"q\"\nen = \"q\"\n"
           "[[levels]]\nlevel = 1\nsource = \"s\"\n  [[levels.criteria]]\n  when = 'ratio >= 0'\n  ja = \"c\"\n  en = \"c\"\n"
           "[[levels]]\nlevel = 2\nsource = \"s\"\n  [[levels.criteria]]\n  when = 'ratio >= 0'\n  ja = \"c\"\n  en = \"c\"\n"
           "[[levels]]\nlevel = 3\nsource = \"s\"\n  [[levels.criteria]]\n  when = 'ratio >= 0'\n  ja = \"c\"\n  en = \"c\"\n"
           "[[levels]]\nlevel = 4\nsource = \"s\"\n  [[levels.criteria]]\n  when = 'ratio >= 0'\n  ja = \"c\"\n  en = \"c\"\n"
           "[[levels]]\nlevel = 5\nsource = \"s\"\n  [[levels.criteria]]\n  when = 'ratio >= 0'\n  ja = \"c\"\n  en = \"c\"\n"
           "[[checks]]\nid = \"below\"\nseverity = \"medium\"\nwhen = 'ratio < ref.card_holding_national'\n"
           "ja = \"" + threshold_text + "\"\nen = \"below {ref.card_holding_national} ({ref.card_holding_national:as_of})\"\n"
           "advice_ja = \"a\"\nadvice_en = \"a\"\nsource = \"s 2026\"\n";
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool raised(const RuleSet& rules, double ratio) {
    AnswerNode node;
    node.is_table = true;
    AnswerNode value;
    value.value = ratio;
    node.members.emplace_back("ratio", value);
    Profile profile;
    profile.fiscal_year = 2025;
    profile.as_of = {2025, 10, 1};
    const AreaEnvironment env(rules, &node, profile, {}, nullptr);
    const AreaResult r = score_area(rules, env, {});
    return !r.findings.empty();
}

}  // namespace

TEST_CASE("reference figures load with their dates and read as conditions and texts", "[reference]") {
    const ReferenceData data = parse_reference_data(figures, "reference.toml");
    REQUIRE(data.figures.size() == 3);
    CHECK(reference_text(*data.find("card_holding_national")) == "81.2%");
    CHECK(reference_text(*data.find("count")) == "1,065");
    CHECK(reference_text(*data.find("deadline")) == "2026-03-31");

    const RuleSet rules = parse_rule_set(area_rules("全国 {ref.card_holding_national}（{ref.card_holding_national:as_of} 時点）未満"),
                                         "area.toml", {}, "", &data);
    CHECK(rules.checks[0].title.ja == "全国 81.2%（2026-01-31 時点）未満");
    CHECK(rules.checks[0].title.en == "below 81.2% (2026-01-31)");
    CHECK(rules.plan.version == "第2.3版");
    CHECK(rules.references == std::vector<std::string>{"card_holding_national"});
    CHECK(raised(rules, 0.80));
    CHECK_FALSE(raised(rules, 0.82));

    // The national office updates the figure: the same answers now pass, with no code changed.
    std::string updated = figures;
    updated.replace(updated.find("0.812"), 5, "0.790");
    const ReferenceData newer = parse_reference_data(updated, "reference.toml");
    const RuleSet rules2 = parse_rule_set(area_rules("全国 {ref.card_holding_national}"), "area.toml", {}, "", &newer);
    CHECK_FALSE(raised(rules2, 0.80));
    CHECK(rules2.checks[0].title.ja == "全国 79%");
}

TEST_CASE("reference names that do not exist are errors with their place", "[reference][errors]") {
    const ReferenceData data = parse_reference_data(figures, "reference.toml");
    std::string text = area_rules("{ref.card_holding_nationl}");
    InputError e = test::input_error([&] { (void)parse_rule_set(text, "area.toml", {}, "", &data); });
    INFO(e.format(Lang::en));
    CHECK(test::has_diagnostic(e, 53, 6, "unknown reference figure 'card_holding_nationl' (did you mean 'card_holding_national'?)"));

    text = area_rules("x");
    text.replace(text.find("ref.card_holding_national'"), 26, "ref.card_holding'");
    e = test::input_error([&] { (void)parse_rule_set(text, "area.toml", {}, "", &data); });
    INFO(e.format(Lang::en));
    CHECK(test::has_diagnostic(e, 52, 17, "unknown reference figure 'ref.card_holding'"));

    // Without reference data, naming a figure says so instead of failing obscurely.
    e = test::input_error([&] { (void)parse_rule_set(area_rules("x"), "area.toml", {}); });
    CHECK_THAT(e.format(Lang::en), Catch::Contains("unknown reference figure"));
}

TEST_CASE("a malformed reference file is reported with file, line and column", "[reference][errors]") {
    const std::string bad =
        "version = \"x\"\nupdated = 2026-12-02\n"
        "[[figures]]\nid = \"a\"\ntype = \"ratio\"\nvalue = 81.2\nas_of = 2026-01-31\nja = \"a\"\nen = \"a\"\nsource = \"s\"\n"
        "[[figures]]\nid = \"b\"\ntype = \"percent\"\nvalue = 1\nas_of = \"2026-01-31\"\nja = \"b\"\nen = \"b\"\nsource = \"s\"\n"
        "[[figures]]\nid = \"a\"\ntype = \"date\"\nvalue = 3\nas_of = 2026-01-31\nja = \"a\"\nen = \"a\"\nsource = \"s\"\nurl = 5\n";
    const InputError e = test::input_error([&] { (void)parse_reference_data(bad, "reference.toml"); });
    INFO(e.format(Lang::en));
    CHECK(test::has_diagnostic(e, 6, 9, "a ratio is written 0..1 (81.2% -> 0.812)"));
    CHECK(test::has_diagnostic(e, 13, 8, "unknown type 'percent'"));
    CHECK(test::has_diagnostic(e, 15, 9, "'as_of' must be a date"));
    CHECK(test::has_diagnostic(e, 20, 6, "duplicate figure 'a'"));
    CHECK(test::has_diagnostic(e, 22, 9, "'value' must be a date"));
    CHECK(test::has_diagnostic(e, 27, 7, "'url' must be a string"));
}

TEST_CASE("the standardization plugin takes its deadlines from the reference data (E8)", "[reference][plugins]") {
    host::PluginRegistry reg(host::load_official_plugins(DXASSESS_STAGE_MANIFEST));
    const host::PluginRecord& p = reg.load(std::string(DXASSESS_STAGE_PLUGIN_DIR) + "/dxassess_standardization" DXASSESS_PLUGIN_SUFFIX);
    REQUIRE(p.official);
    REQUIRE(p.loaded);
    const ReferenceData data = load_reference_data(std::string(DXASSESS_SOURCE_DIR) + "/rules/reference.toml");

    // One system still migrating, its own target 2026-06-30.
    AnswerNode row;
    row.is_table = true;
    for (auto [k, v] : std::vector<std::pair<std::string, Value>>{
             {"business", std::string("jumin")}, {"status", std::string("migrating")}, {"target_date", Date{2026, 6, 30}}}) {
        AnswerNode m;
        m.value = v;
        row.members.emplace_back(k, m);
    }
    AnswerNode systems;
    systems.is_list = true;
    systems.items.push_back(row);
    AnswerNode node;
    node.is_table = true;
    node.members.emplace_back("systems", systems);

    const auto facts_on = [&](Date as_of, const ReferenceData* reference) {
        host::PluginSession s(p, &node, as_of, reference);
        const bool ok = s.derive();
        return std::make_pair(ok, s.facts());
    };
    // Before the deadline a target after it is late; after the deadline, not migrated is late and
    // a passed target date is overdue.
    auto [ok, before] = facts_on({2025, 10, 1}, &data);
    REQUIRE(ok);
    CHECK(std::get<std::int64_t>(before.at("late_count")) == 1);
    CHECK(std::get<std::int64_t>(before.at("overdue_count")) == 0);
    CHECK(std::get<std::int64_t>(before.at("systems_in_scope")) == 20);
    CHECK(std::get<std::int64_t>(before.at("systems_missing")) == 19);
    auto [ok2, after] = facts_on({2026, 10, 1}, &data);
    REQUIRE(ok2);
    CHECK(std::get<std::int64_t>(after.at("late_count")) == 1);
    CHECK(std::get<std::int64_t>(after.at("overdue_count")) == 1);

    // A later deadline in the data (no rebuild) and the same system is on time.
    std::string text = read_text_file(std::string(DXASSESS_SOURCE_DIR) + "/rules/reference.toml");
    text.replace(text.find("value = 2026-03-31"), 18, "value = 2027-03-31");
    const ReferenceData later = parse_reference_data(text, "reference.toml");
    auto [ok3, moved] = facts_on({2025, 10, 1}, &later);
    REQUIRE(ok3);
    CHECK(std::get<std::int64_t>(moved.at("late_count")) == 0);

    // Without reference data the plugin refuses to guess and says why.
    host::PluginSession none(p, &node, {2025, 10, 1}, nullptr);
    CHECK_FALSE(none.derive());
    REQUIRE_FALSE(none.diagnostics().empty());
    CHECK_THAT(none.diagnostics().front().message.en, Catch::Contains("standardization_deadline"));
}
