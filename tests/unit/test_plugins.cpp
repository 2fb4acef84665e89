// Plugin loading and containment with fixture plugins: good ones load, broken ones are refused
// with a message naming the problem, and failures inside a plugin stay inside its area.
#include "test_support.hpp"

#include "assessment.hpp"
#include "plugin_registry.hpp"
#include "plugin_session.hpp"

#include "dxassess/engine/answers.hpp"

using namespace dxassess;
using namespace dxassess::host;

namespace {

std::string fixture(const std::string& name) {
    return std::string(DXASSESS_FIXTURE_DIR) + "/" + name + "/dxassess_" + name + ".so";
}

engine::AnswerNode answers(std::vector<std::pair<std::string, engine::Value>> values) {
    engine::AnswerNode node;
    node.is_table = true;
    for (auto& [k, v] : values) {
        engine::AnswerNode m;
        m.value = v;
        if (const auto* l = std::get_if<engine::StringList>(&v))
            for (const auto& s : *l) m.items.push_back(engine::AnswerNode{s, {}, {}, {}, false});
        node.members.emplace_back(k, std::move(m));
    }
    return node;
}

const engine::Date as_of{2025, 10, 1};

}  // namespace

TEST_CASE("a good plugin loads, reads and iterates answers, publishes facts", "[plugins]") {
    PluginRegistry reg;
    const PluginRecord& p = reg.load(fixture("fx_good"));
    REQUIRE(p.loaded);
    CHECK(p.id == "test.fx_good");
    CHECK(p.area == "fx_good");
    CHECK(p.abi_major == DXA_ABI_MAJOR);
    CHECK(p.symbols.facts.count("doubled") == 1);
    CHECK(p.symbols.functions.count("twice") == 1);

    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}, {"tags", engine::StringList{"a", "b"}}});
    PluginSession s(p, &node, as_of);
    REQUIRE(s.derive());
    CHECK(std::get<std::int64_t>(s.facts().at("member_count")) == 2);
    CHECK(std::get<std::string>(s.facts().at("first_key")) == "count");
    CHECK(std::get<std::int64_t>(s.facts().at("tag_count")) == 2);
    CHECK(std::get<double>(s.facts().at("doubled")) == 6.0);
    CHECK(std::get<std::int64_t>(s.call("twice", {std::int64_t{21}})) == 42);
    CHECK(s.diagnostics().empty());

    // Unanswered: the plugin reports a diagnostic tied to the key.
    const engine::AnswerNode empty = answers({});
    PluginSession s2(p, &empty, as_of);
    REQUIRE(s2.derive());
    REQUIRE(s2.diagnostics().size() == 1);
    CHECK(s2.diagnostics()[0].answer_key == "count");
    CHECK(s2.diagnostics()[0].message.ja == "数が未回答です");
}

TEST_CASE("broken plugins are refused with a message naming the problem", "[plugins][errors]") {
    struct Case {
        const char* plugin;
        const char* message;
    };
    const std::string host_abi = std::to_string(DXA_ABI_MAJOR) + "." + std::to_string(DXA_ABI_MINOR);
    const std::vector<Case> cases = {
        {"fx_no_entry", "missing entry point 'dxassess_plugin_entry' (not a dxassess plugin)"},
        {"fx_major", "plugin was built for ABI 2.1 but this host implements ABI 1.1 (major version differs)"},
        {"fx_minor_newer", "plugin was built for ABI 1.2, newer than this host's ABI 1.1; update dxassess"},
        {"fx_null", "the entry point returned no descriptor (NULL)"},
        {"fx_empty_id", "malformed descriptor: empty or invalid id"},
        {"fx_small_struct", "malformed descriptor (struct_size 24 is below"},
    };
    PluginRegistry reg;
    for (const auto& c : cases) {
        SECTION(c.plugin) {
            const PluginRecord& p = reg.load(fixture(c.plugin));
            CHECK_FALSE(p.loaded);
            CHECK_THAT(p.reason.en, Catch::Contains(c.message));
            CHECK_FALSE(p.reason.ja.empty());
            CHECK(reg.for_area(c.plugin) == nullptr);
        }
    }
    SECTION("a file that is not a shared library") {
        test::TempDir dir;
        const PluginRecord& p = reg.load(dir.file("junk.so", "not an ELF file"));
        CHECK_FALSE(p.loaded);
        CHECK_THAT(p.reason.en, Catch::Contains("cannot load shared library"));
    }
    SECTION("the same plugin twice") {
        CHECK(reg.load(fixture("fx_good")).loaded);
        const PluginRecord& again = reg.load(fixture("fx_good"));
        CHECK_FALSE(again.loaded);
        CHECK_THAT(again.reason.en, Catch::Contains("plugin id 'test.fx_good' is already loaded"));
    }
}

TEST_CASE("a plugin built for an older minor ABI keeps loading", "[plugins]") {
    PluginRegistry reg;
    const PluginRecord& p = reg.load(fixture("fx_minor_older"));
    REQUIRE(p.loaded);
    CHECK(p.abi_minor == 0);
    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}});
    PluginSession s(p, &node, as_of);
    CHECK(s.derive());
}

TEST_CASE("exceptions and failures inside a plugin become error codes", "[plugins][errors]") {
    PluginRegistry reg;
    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}});

    const PluginRecord& throws = reg.load(fixture("fx_throws"));
    REQUIRE(throws.loaded);
    PluginSession s(throws, &node, as_of);
    CHECK_FALSE(s.derive());
    CHECK_THAT(s.failure().en, Catch::Contains("failed to derive its facts (DXA_ERR_INTERNAL)"));
    // A throwing rule function yields unknown and a diagnostic, never a crash.
    CHECK_FALSE(engine::is_known(s.call("twice", {std::int64_t{1}})));
    REQUIRE_FALSE(s.diagnostics().empty());
    CHECK_THAT(s.diagnostics().back().message.en, Catch::Contains("function twice failed (DXA_ERR_INTERNAL)"));

    const PluginRecord& fails = reg.load(fixture("fx_fails"));
    REQUIRE(fails.loaded);
    PluginSession f(fails, &node, as_of);
    CHECK_FALSE(f.derive());
    CHECK_THAT(f.failure().en, Catch::Contains("(DXA_ERR_FAILED)"));
    REQUIRE(f.diagnostics().size() == 1);
    CHECK(f.diagnostics()[0].answer_key == "count");
}

TEST_CASE("services refuse unknown keys, wrong types and undeclared facts", "[plugins][errors]") {
    PluginRegistry reg;
    const PluginRecord& p = reg.load(fixture("fx_misuse"));
    REQUIRE(p.loaded);
    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}});
    PluginSession s(p, &node, as_of);
    REQUIRE(s.derive());  // the fixture returns an error itself if any service answered wrongly
    CHECK(std::get<std::int64_t>(s.facts().at("level_hint")) == 3);
    CHECK(s.facts().size() == 1);
}

TEST_CASE("the telework plugin derives the survey's figures", "[plugins][telework]") {
    PluginRegistry reg;
    const PluginRecord& p = reg.load(std::string(DXASSESS_STAGE_PLUGIN_DIR) + "/dxassess_telework.so");
    REQUIRE(p.loaded);
    CHECK(p.area == "telework");

    engine::AnswerNode node = answers({{"forms", engine::StringList{"home", "mobile"}},
                                       {"staff_total", std::int64_t{1000}},
                                       {"staff_eligible", std::int64_t{400}},
                                       {"staff_used", std::int64_t{100}}});
    PluginSession s(p, &node, as_of);
    REQUIRE(s.derive());
    CHECK(std::get<double>(s.facts().at("eligible_ratio")) == Approx(0.4));
    CHECK(std::get<double>(s.facts().at("usage_ratio")) == Approx(0.25));
    CHECK(std::get<std::int64_t>(s.facts().at("form_count")) == 2);
    CHECK(std::get<std::string>(s.facts().at("staff_band")) == "501〜1,000人");
    CHECK(std::get<std::string>(s.call("usage_band", {0.25})) == "under_30");
    CHECK(std::get<std::string>(s.call("usage_band", {0.8})) == "80_plus");

    // Contradictory counts: diagnostics tied to the keys, and no ratios computed from them.
    node = answers({{"staff_total", std::int64_t{100}}, {"staff_eligible", std::int64_t{200}}, {"staff_used", std::int64_t{10}}});
    PluginSession bad(p, &node, as_of);
    REQUIRE(bad.derive());
    CHECK(bad.facts().count("eligible_ratio") == 0);
    CHECK(bad.facts().count("usage_ratio") == 0);
    CHECK(std::get<bool>(bad.facts().at("staff_counts_consistent")) == false);
    REQUIRE(bad.diagnostics().size() == 1);
    CHECK(bad.diagnostics()[0].answer_key == "staff_eligible");
}

TEST_CASE("a failing plugin leaves the other areas scored", "[plugins][assess]") {
    test::TempDir dir;
    const std::string answers_file = dir.file("answers.toml",
        "[profile]\ncode = \"142018\"\nname = \"横須賀市\"\nprefecture = \"神奈川県\"\npopulation = 380000\n"
        "fiscal_year = 2025\nas_of = 2025-10-01\n\n[fx_good]\ncount = 3\ntags = [\"a\", \"b\"]\n\n[fx_throws]\ncount = 3\n");
    SearchPaths paths;
    paths.plugin_dirs = {std::string(DXASSESS_FIXTURE_DIR) + "/fx_good", std::string(DXASSESS_FIXTURE_DIR) + "/fx_throws",
                         std::string(DXASSESS_FIXTURE_DIR) + "/fx_major"};
    paths.rules_dirs = {std::string(DXASSESS_SOURCE_DIR) + "/tests/fixtures/rules", std::string(DXASSESS_SOURCE_DIR) + "/rules"};
    const Installation inst(paths);
    const Assessment a = assess(inst, answers_file, engine::Date{2026, 1, 1});
    CHECK_FALSE(a.complete());
    const auto find = [&](const std::string& id) -> const engine::AreaResult& {
        for (const auto& r : a.areas)
            if (r.area == id) return r;
        FAIL("no area " << id);
        throw;
    };
    const engine::AreaResult& good = find("fx_good");
    CHECK(good.scored);
    CHECK(good.level == 4);  // count 3 -> doubled 6, two tags; level 5 needs three answers
    const engine::AreaResult& bad = find("fx_throws");
    CHECK_FALSE(bad.scored);
    CHECK_THAT(bad.failure.en, Catch::Contains("failed to derive its facts"));
    CHECK(a.overall.index == Approx(good.score));
    CHECK_FALSE(a.overall.complete);
}
