// `dxassess test`: runs the rule tests kept next to the rules and reports pass/fail with a readable
// diff and the coverage of levels and checks.
#include "assessment/assessment.hpp"
#include "cli/commands.hpp"
#include "support/exit_codes.hpp"
#include "support/files.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/rule_tests.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using engine::Lang;

/// The rule sets under test: --rules, else each test file's <area>.toml beside it (tests/x.test.toml -> tests/x.toml).
std::vector<std::string> rule_sets_under_test(const std::vector<std::string>& test_files, const std::string& rules_opt) {
    if (!rules_opt.empty()) return {rules_opt};
    std::vector<std::string> out;
    for (const auto& t : test_files) {
        const std::string name = engine::file_path(t).filename().string();
        const fs::path beside = engine::file_path(t).parent_path() / (name.substr(0, name.size() - std::string(".test.toml").size()) + ".toml");
        std::error_code ec;
        if (fs::is_regular_file(beside, ec) && std::find(out.begin(), out.end(), beside.string()) == out.end()) out.push_back(beside.string());
    }
    return out;
}

}  // namespace

int run_rule_tests(const GlobalOptions& g, const TestOptions& o) {
    const Lang lang = g.lang;
    const bool en = lang == Lang::en;
    SearchPaths paths = search_paths(g);
    const std::vector<std::string> files = expand_paths(o.paths.empty() ? paths.rules_dirs : o.paths, is_rule_test_file);
    if (!o.rules_file.empty() && !fs::is_regular_file(engine::file_path(o.rules_file))) {
        std::cerr << o.rules_file << ": " << (en ? "rule file not found (--rules)" : "ルールファイルが見つかりません（--rules）") << "\n";
        return exit_input;
    }
    // The tests judge the rule set beside them, installed or not, never an installed copy of it.
    paths.rule_files = rule_sets_under_test(files, o.rules_file);
    if (files.empty()) {
        std::cerr << (en ? "no rule tests found (*.test.toml)" : "ルールのテスト（*.test.toml）が見つかりません") << "\n";
        return exit_input;
    }
    try {
        const Installation inst(paths, g.run);
        const engine::AnswerSchema schema = inst.answer_schema();
        std::vector<engine::RuleTestSuite> suites;
        for (const auto& f : files) suites.push_back(engine::load_rule_tests(f, schema));

        int passed = 0, failed = 0;
        std::vector<Assessment> runs;  // kept: coverage points into the results
        std::vector<std::string> tested_areas;
        for (const auto& suite : suites) {
            std::cout << suite.path << "\n";
            std::vector<std::string> named;
            for (const auto& c : suite.cases)
                for (const auto& e : c.expects) {
                    if (std::find(named.begin(), named.end(), e.area) != named.end()) continue;
                    named.push_back(e.area);
                    const auto rules = std::find_if(inst.areas().begin(), inst.areas().end(), [&](const AreaRules& x) { return x.area() == e.area; });
                    if (rules == inst.areas().end() || rules->file.empty()) continue;
                    std::cout << "  " << (en ? "rules " : "ルール ") << e.area << ": " << rules->file;
                    if (!rules->sha256.empty()) std::cout << "  sha256 " << rules->sha256;
                    std::cout << "\n";
                }
            for (const auto& c : suite.cases) {
                runs.push_back(assess(inst, c.answers, g.run));
                const Assessment& a = runs.back();
                std::vector<engine::Text> diffs;
                for (const auto& e : c.expects) {
                    if (std::find(tested_areas.begin(), tested_areas.end(), e.area) == tested_areas.end())
                        tested_areas.push_back(e.area);
                    const auto r = std::find_if(a.areas.begin(), a.areas.end(), [&](const auto& x) { return x.area == e.area; });
                    if (r == a.areas.end()) {
                        diffs.push_back({e.area + ": 評価されませんでした", e.area + ": not assessed"});
                        continue;
                    }
                    for (auto& d : engine::compare(e, *r)) diffs.push_back(std::move(d));
                }
                if (diffs.empty()) {
                    ++passed;
                    std::cout << "  PASS  " << c.name << "\n";
                } else {
                    ++failed;
                    std::cout << "  FAIL  " << c.name << "  (" << c.where.str() << ")\n";
                    for (const auto& d : diffs) std::cout << "        " << d.in(lang) << "\n";
                }
            }
        }

        std::cout << (en ? "coverage (levels and checks reached by a test):" : "カバレッジ（テストが到達したレベルとチェック）:") << "\n";
        int covered = 0, total = 0;
        for (const auto& area : tested_areas) {
            const auto rules = std::find_if(inst.areas().begin(), inst.areas().end(),
                                            [&](const AreaRules& x) { return x.rules && x.rules->area == area; });
            if (rules == inst.areas().end()) continue;
            std::vector<const engine::AreaResult*> results;
            for (const auto& run : runs)
                for (const auto& r : run.areas) results.push_back(&r);
            const engine::Coverage cov = engine::coverage(*rules->rules, results);
            covered += cov.covered();
            total += cov.total();
            std::cout << "  " << area << ": " << (en ? "levels " : "レベル ") << cov.levels_total - static_cast<int>(cov.levels_missed.size())
                      << "/" << cov.levels_total << ", " << (en ? "checks " : "チェック ")
                      << cov.checks_total - static_cast<int>(cov.checks_missed.size()) << "/" << cov.checks_total << "\n";
            for (int l : cov.levels_missed)
                std::cout << "    " << (en ? "not reached: level " : "未到達: レベル ") << l << "\n";
            for (const auto& ch : cov.checks_missed)
                std::cout << "    " << (en ? "not reached: check " : "未到達: チェック ") << ch << "\n";
        }
        const double percent = total ? 100.0 * covered / total : 100.0;
        std::cout << (en ? "coverage " : "カバレッジ ") << std::round(percent * 10) / 10 << "%\n";
        std::cout << passed << " passed, " << failed << " failed\n";
        const bool low = percent + 1e-9 < o.min_coverage;
        if (low)
            std::cerr << (en ? "coverage is below --min-coverage " : "カバレッジが --min-coverage を下回っています: ") << o.min_coverage << "%\n";
        return failed || low ? exit_tests_failed : exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
