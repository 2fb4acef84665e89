// Plugin loading and containment with fixture plugins: good ones load, broken ones are refused
// with a message naming the problem, and failures inside a plugin stay inside its area.
#include "test_support.hpp"

#ifdef _WIN32
#include <aclapi.h>
#endif

#include "assessment/assessment.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_session.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/answers.hpp"

#include <algorithm>
#include <filesystem>

using namespace dxassess;
using namespace dxassess::host;

namespace {

std::string fixture(const std::string& name) {
    return std::string(DXASSESS_FIXTURE_DIR) + "/" + name + "/dxassess_" + name + DXASSESS_PLUGIN_SUFFIX;
}

engine::AnswerNode answers(std::vector<std::pair<std::string, engine::Value>> values) {
    engine::AnswerNode node;
    node.is_table = true;
    for (auto& [k, v] : values) {
        engine::AnswerNode m;
        m.value = v;
        if (const auto* l = std::get_if<engine::StringList>(&v))
            for (const auto& s : *l) m.items.push_back(engine::AnswerNode{s, {}});
        node.members.emplace_back(k, std::move(m));
    }
    return node;
}

const engine::Date as_of{2025, 10, 1};

/// The result of `id` in an assessment; fails the test when it is not there.
const engine::AreaResult& area_of(const Assessment& a, const std::string& id) {
    for (const auto& r : a.areas)
        if (r.area == id) return r;
    FAIL("no area " << id);
    throw;
}

/// A registry that counts these fixtures as official, so they load in this process and their
/// sessions can be driven directly (an official plugin is one whose digest is listed).
std::vector<OfficialPlugin> official(std::initializer_list<const char*> names) {
    std::vector<OfficialPlugin> out;
    for (const char* n : names) out.push_back({std::string("dxassess_") + n + DXASSESS_PLUGIN_SUFFIX, std::string("test.") + n, n, sha256_file(fixture(n))});
    return out;
}

}  // namespace

TEST_CASE("a good plugin loads, reads and iterates answers, publishes facts", "[plugins]") {
    PluginRegistry reg(official({"fx_good"}));
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
        std::string message;
    };
    const std::string host_abi = std::to_string(DXA_ABI_MAJOR) + "." + std::to_string(DXA_ABI_MINOR);
    const std::vector<Case> cases = {
        {"fx_no_entry", "missing entry point 'dxassess_plugin_entry' (not a dxassess plugin)"},
        {"fx_major", "plugin was built for ABI " + std::to_string(DXA_ABI_MAJOR + 1) + "." + std::to_string(DXA_ABI_MINOR) +
                         " but this host implements ABI " + host_abi + " (major version differs)"},
        {"fx_minor_newer", "plugin was built for ABI " + std::to_string(DXA_ABI_MAJOR) + "." + std::to_string(DXA_ABI_MINOR + 1) +
                               ", newer than this host's ABI " + host_abi + "; update dxassess"},
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
        const PluginRecord& p = reg.load(dir.file(std::string("junk") + DXASSESS_PLUGIN_SUFFIX, "not a shared library"));
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
    PluginRegistry reg(official({"fx_minor_older"}));
    const PluginRecord& p = reg.load(fixture("fx_minor_older"));
    REQUIRE(p.loaded);
    CHECK(p.abi_minor == 0);
    CHECK_FALSE(p.concurrent);  // flags lie past its descriptor's end
    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}});
    PluginSession s(p, &node, as_of);
    CHECK(s.derive());
}

TEST_CASE("exceptions and failures inside a plugin become error codes", "[plugins][errors]") {
    PluginRegistry reg(official({"fx_throws", "fx_fails"}));
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
    PluginRegistry reg(official({"fx_misuse"}));
    const PluginRecord& p = reg.load(fixture("fx_misuse"));
    REQUIRE(p.loaded);
    const engine::AnswerNode node = answers({{"count", std::int64_t{3}}});
    PluginSession s(p, &node, as_of);
    REQUIRE(s.derive());  // the fixture returns an error itself if any service answered wrongly
    CHECK(std::get<std::int64_t>(s.facts().at("level_hint")) == 3);
    CHECK(s.facts().size() == 1);
}

TEST_CASE("the telework plugin derives the survey's figures", "[plugins][telework]") {
    PluginRegistry reg(load_official_plugins(DXASSESS_STAGE_MANIFEST));
    const PluginRecord& p = reg.load(std::string(DXASSESS_STAGE_PLUGIN_DIR) + "/dxassess_telework" DXASSESS_PLUGIN_SUFFIX);
    REQUIRE(p.loaded);
    CHECK(p.area == "telework");
    CHECK(p.concurrent);  // DXA_PLUGIN_CONCURRENT from the C++ layer's `concurrent`

    // The 一般行政職員数 comes from [profile] (asked once for every area), through the profile service.
    engine::Profile profile;
    profile.staff = 1000;
    engine::AnswerNode node = answers({{"forms", engine::StringList{"home", "mobile"}},
                                       {"staff_eligible", std::int64_t{400}},
                                       {"staff_used", std::int64_t{100}}});
    PluginSession s(p, &node, as_of, nullptr, &profile);
    REQUIRE(s.derive());
    CHECK(std::get<double>(s.facts().at("eligible_ratio")) == Approx(0.4));
    CHECK(std::get<double>(s.facts().at("usage_ratio")) == Approx(0.25));
    CHECK(std::get<std::int64_t>(s.facts().at("form_count")) == 2);
    CHECK(std::get<std::string>(s.facts().at("staff_band")) == "501〜1,000人");
    CHECK(std::get<std::string>(s.call("usage_band", {0.25})) == "under_30");
    CHECK(std::get<std::string>(s.call("usage_band", {0.8})) == "80_plus");
    // An integer where a number is declared (the rules allow it) reaches the plugin as a number.
    CHECK(std::get<std::string>(s.call("usage_band", {std::int64_t{1}})) == "80_plus");

    // Contradictory counts: diagnostics tied to the keys, and no ratios computed from them.
    profile.staff = 100;
    node = answers({{"staff_eligible", std::int64_t{200}}, {"staff_used", std::int64_t{10}}});
    PluginSession bad(p, &node, as_of, nullptr, &profile);
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
    const Assessment a = assess(inst, answers_file);
    CHECK_FALSE(a.complete());
    const engine::AreaResult& good = area_of(a, "fx_good");
    CHECK(good.scored);
    CHECK(good.level == 4);  // count 3 -> doubled 6, two tags; level 5 needs three answers
    const engine::AreaResult& bad = area_of(a, "fx_throws");
    CHECK_FALSE(bad.scored);
    CHECK_THAT(bad.failure.en, Catch::Contains("failed to derive its facts"));
    // fx_good lies outside the model: reported on its own, never in the index (no model area is scored here).
    CHECK(a.overall.assessed == 0);
    CHECK(a.overall.index == 0);
    CHECK_FALSE(a.overall.complete);
}

TEST_CASE("faulty plugins are refused or contained and every other area is scored", "[plugins][isolation]") {
    test::TempDir dir;
    const std::string answers_file = dir.file("answers.toml",
        "[profile]\ncode = \"142018\"\nname = \"横須賀市\"\nprefecture = \"神奈川県\"\npopulation = 380000\n"
        "fiscal_year = 2025\nas_of = 2025-10-01\n\n[telework]\nstatus = \"considering\"\n\n"
        "[fx_good]\ncount = 3\ntags = [\"a\", \"b\"]\n\n[fx_slow]\ncount = 1\n\n[fx_segv]\ncount = 1\n\n[fx_abort]\ncount = 1\n\n"
        "[fx_throws]\ncount = 1\n\n[fx_fails]\ncount = 1\n");
    SearchPaths paths;
    for (const char* f : {"fx_good", "fx_dup_area", "fx_nowhere", "fx_load_crash", "fx_slow", "fx_segv", "fx_abort", "fx_throws",
                          "fx_fails", "fx_no_entry", "fx_major", "fx_minor_newer", "fx_null", "fx_empty_id", "fx_small_struct"})
        paths.plugin_dirs.push_back(std::string(DXASSESS_FIXTURE_DIR) + "/" + f);
    paths.plugin_dirs.push_back(DXASSESS_STAGE_PLUGIN_DIR);
    paths.official_manifest = DXASSESS_STAGE_MANIFEST;
    paths.rules_dirs = {std::string(DXASSESS_SOURCE_DIR) + "/tests/fixtures/rules", std::string(DXASSESS_SOURCE_DIR) + "/rules"};
    RunPolicy policy;
    policy.limits.timeout_seconds = 2.0;
    const Installation inst(paths, policy);

    const auto refusal = [&](const std::string& name) -> std::string {
        for (const auto& p : inst.registry().plugins()) {
            std::string file = p.file;
            std::replace(file.begin(), file.end(), '\\', '/');  // Windows joins the file name with a backslash
            if (file.find("/" + name + "/") != std::string::npos) return p.loaded ? "loaded" : p.reason.en;
        }
        return "not found";
    };
    CHECK(refusal("fx_good") == "loaded");
    CHECK_THAT(refusal("fx_dup_area"), Catch::Contains("area 'fx_good' is already scored by plugin test.fx_good"));
    CHECK_THAT(refusal("fx_nowhere"), Catch::Contains("unknown area 'fx_nowhere' (not in the model and no rule file fx_nowhere.toml)"));
    CHECK_THAT(refusal("fx_load_crash"), Catch::Contains("crashed (SIGSEGV)"));
    CHECK_THAT(refusal("fx_no_entry"), Catch::Contains("missing entry point"));
    CHECK_THAT(refusal("fx_major"), Catch::Contains("major version differs"));
    CHECK_THAT(refusal("fx_minor_newer"), Catch::Contains("newer than this host's ABI"));
    CHECK_THAT(refusal("fx_null"), Catch::Contains("returned no descriptor (NULL)"));
    CHECK_THAT(refusal("fx_empty_id"), Catch::Contains("empty or invalid id"));
    CHECK_THAT(refusal("fx_small_struct"), Catch::Contains("malformed descriptor (struct_size 24"));

    const Assessment a = assess(inst, answers_file, policy);
    CHECK_THAT(area_of(a, "fx_slow").failure.en, Catch::Contains("plugin test.fx_slow did not finish within the time limit (2 s)"));
    CHECK_THAT(area_of(a, "fx_segv").failure.en, Catch::Contains("plugin test.fx_segv crashed (SIGSEGV)"));
    CHECK_THAT(area_of(a, "fx_abort").failure.en, Catch::Contains("plugin test.fx_abort crashed (SIGABRT)"));
    CHECK_THAT(area_of(a, "fx_throws").failure.en, Catch::Contains("failed to derive its facts (DXA_ERR_INTERNAL)"));
    CHECK_THAT(area_of(a, "fx_fails").failure.en, Catch::Contains("failed to derive its facts (DXA_ERR_FAILED)"));
    // The others are intact: the isolated good plugin (facts and a rule function through the child) and a shipped one.
    CHECK(area_of(a, "fx_good").scored);
    CHECK(area_of(a, "fx_good").level == 4);
    CHECK(std::get<double>(area_of(a, "fx_good").facts.at("doubled")) == 6.0);
    CHECK(area_of(a, "telework").scored);
    CHECK(area_of(a, "telework").level == 1);
    CHECK_FALSE(a.complete());
}

#ifndef _WIN32  // POSIX permission bits; Windows' access lists are checked in tests/windows/
TEST_CASE("group- or world-writable plugins are refused with the fix", "[plugins][trust]") {
    namespace fs = std::filesystem;
    test::TempDir dir;
    const fs::path plugin_dir = dir.path() / "plugins";
    fs::create_directory(plugin_dir);
    fs::permissions(plugin_dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const fs::path copy = plugin_dir / ("dxassess_fx_good" DXASSESS_PLUGIN_SUFFIX);
    fs::copy_file(fixture("fx_good"), copy);
    fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    {
        PluginRegistry reg;
        CHECK(reg.load(copy.string()).loaded);  // the pass
    }
    fs::permissions(copy, fs::perms::group_write, fs::perm_options::add);
    {
        PluginRegistry reg;
        const PluginRecord& p = reg.load(copy.string());
        CHECK_FALSE(p.loaded);
        CHECK_THAT(p.reason.en, Catch::Contains(copy.string() + " is writable by group or others") &&
                                    Catch::Contains("chmod go-w " + copy.string()));
    }
    fs::permissions(copy, fs::perms::group_write, fs::perm_options::remove);
    fs::permissions(plugin_dir, fs::perms::others_write, fs::perm_options::add);
    {
        PluginRegistry reg;
        const PluginRecord& p = reg.load(copy.string());
        CHECK_FALSE(p.loaded);
        CHECK_THAT(p.reason.en, Catch::Contains(plugin_dir.string() + " (checked for " + copy.string() + ") is writable by group or others"));
    }
}

#endif

#ifdef _WIN32
TEST_CASE("plugins that another account may change are refused with the fix (access lists)", "[plugins][trust]") {
    namespace fs = std::filesystem;
    test::TempDir dir;
    const fs::path copy = dir.path() / ("dxassess_fx_good" DXASSESS_PLUGIN_SUFFIX);
    fs::copy_file(fixture("fx_good"), copy);
    {
        PluginRegistry reg;
        REQUIRE(reg.load(copy.string()).loaded);  // the pass
    }
    // Everyone may now write the file.
    EXPLICIT_ACCESS_W grant{};
    grant.grfAccessPermissions = FILE_GENERIC_WRITE;
    grant.grfAccessMode = GRANT_ACCESS;
    grant.Trustee.TrusteeForm = TRUSTEE_IS_NAME;
    grant.Trustee.ptstrName = const_cast<wchar_t*>(L"Everyone");
    PACL old_acl = nullptr, new_acl = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    REQUIRE(::GetNamedSecurityInfoW(copy.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &old_acl, nullptr, &sd) == ERROR_SUCCESS);
    REQUIRE(::SetEntriesInAclW(1, &grant, old_acl, &new_acl) == ERROR_SUCCESS);
    const DWORD set = ::SetNamedSecurityInfoW(const_cast<wchar_t*>(copy.c_str()), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, new_acl, nullptr);
    ::LocalFree(new_acl);
    ::LocalFree(sd);
    REQUIRE(set == ERROR_SUCCESS);
    {
        PluginRegistry reg;
        const PluginRecord& p = reg.load(copy.string());
        CHECK_FALSE(p.loaded);
        CHECK_THAT(p.reason.en, Catch::Contains(" is writable by ") && Catch::Contains("Everyone") && Catch::Contains("icacls \"") &&
                                    Catch::Contains("/remove:g *S-1-1-0"));
    }
}
#endif

TEST_CASE("an area that cannot be scored is reported with the reason and never dropped", "[plugins][assess]") {
    test::TempDir dir;
    const std::string answers_file = dir.file("answers.toml",
        "[profile]\ncode = \"142018\"\nname = \"横須賀市\"\nprefecture = \"神奈川県\"\npopulation = 380000\n"
        "fiscal_year = 2025\nas_of = 2025-10-01\n\n[fx_load_crash]\ncount = 1\n");
    // The rule set names the vendor's plugin; that plugin crashes while being vetted; no official plugin is installed.
    std::filesystem::create_directory(dir.path() / "rules");
    dir.file("rules/fx_load_crash.toml", "[area]\nid = \"fx_load_crash\"\nversion = \"1\"\nplugin = \"test.fx_load_crash\"\n"
                                         "title_ja = \"テスト\"\ntitle_en = \"Test area\"\nsource = \"s\"\n");
    SearchPaths paths;
    paths.plugin_dirs = {std::string(DXASSESS_FIXTURE_DIR) + "/fx_load_crash"};
    paths.rules_dirs = {(dir.path() / "rules").string(), std::string(DXASSESS_SOURCE_DIR) + "/rules"};
    paths.official_manifest = DXASSESS_STAGE_MANIFEST;
    const Installation inst(paths);
    const Assessment a = assess(inst, answers_file);
    CHECK_FALSE(a.complete());
    // The vendor area: the refusal that may explain it is named, with its cause.
    CHECK_FALSE(area_of(a, "fx_load_crash").scored);
    CHECK(area_of(a, "fx_load_crash").title.en == "Test area");
    CHECK_THAT(area_of(a, "fx_load_crash").failure.en, Catch::Contains("no plugin was loaded for area fx_load_crash (its rule set names plugin "
                                                                 "test.fx_load_crash); refused plugins:") &&
                                                      Catch::Contains("crashed (SIGSEGV)"));
    // A model area: only its official plugin could score it, so no foreign refusal is blamed.
    CHECK_FALSE(area_of(a, "telework").scored);
    CHECK(area_of(a, "telework").failure.en == "the official plugin jp.dxassess.telework (dxassess_telework" DXASSESS_PLUGIN_SUFFIX ") for area telework is not installed");
}
