// `dxassess bench RULES_DIR [--count N] [--seed S]`: how fast an installation scores a rule set,
// measured on generated answer sets, so that vendors and the national office can measure their own
// rule sets. For each area: its conditions alone on answers already bound (scoring only), binding
// the answers, facts and skip logic (binding), and the area's whole result without explanations
// (binding + levels, score, findings); then every area end to end, from JSON text to results.
// One thread, in blocks of answer sets so that memory stays flat whatever the count.
#include "assessment/assessment.hpp"
#include "office/answer_generator.hpp"
#include "office/office_commands.hpp"
#include "plugins/plugin_session.hpp"
#include "support/exit_codes.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/file_path.hpp"
#include "dxassess/engine/scoring.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

namespace dxassess::host {
namespace {

using clock = std::chrono::steady_clock;

double seconds_since(clock::time_point t0) { return std::chrono::duration<double>(clock::now() - t0).count(); }

/// What one area's measurements add up to.
struct AreaTimes {
    const AreaRules* area = nullptr;
    bool measured = false;  // false: its plugin runs isolated, so only end to end counts it
    double scoring = 0, binding = 0, result = 0;  // seconds
    long long evaluations = 0;
};

/// Environments built in place and kept: a deque never moves what it holds, and an environment
/// cannot be moved. emplace() as std::optional's, so one builder serves both.
struct Environments {
    std::deque<engine::AreaEnvironment> all;
    template <class... A>
    engine::AreaEnvironment& emplace(A&&... a) { return all.emplace_back(std::forward<A>(a)...); }
};

/// "1,234,567": figures a person reads.
std::string grouped(double v) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(v)));
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

std::string nanoseconds(double seconds, long long n) {
    char out[32];
    std::snprintf(out, sizeof out, "%.0f ns", n > 0 ? seconds * 1e9 / static_cast<double>(n) : 0.0);
    return out;
}

}  // namespace

int run_bench(const GlobalOptions& g, const BenchOptions& o) {
    const bool en = g.lang == engine::Lang::en;
    try {
        std::error_code ec;
        if (!std::filesystem::is_directory(engine::file_path(o.rules_dir), ec))
            throw engine::InputError(engine::Location{o.rules_dir},
                                     {"規則のディレクトリがありません", "not a directory of rule sets"});
        std::vector<std::string> rules_dirs{o.rules_dir};
        rules_dirs.insert(rules_dirs.end(), g.rules_dirs.begin(), g.rules_dirs.end());
        RunPolicy policy = g.run;
        policy.explain = false;  // results as batch writes them
        const Installation inst(resolve_search_paths(g.plugin_dirs, rules_dirs, g.lock_file), policy);
        const engine::AnswerSchema schema = inst.answer_schema();

        std::vector<AreaTimes> areas;
        std::vector<const AreaRules*> unscored;  // a rule set with errors, a refused plugin: said, never skipped silently
        for (const auto& a : inst.areas()) {
            if (a.rules && a.plugin) areas.push_back({&a, runs_in_process(a, policy)});
            else unscored.push_back(&a);
        }
        if (areas.empty())
            throw engine::InputError(engine::Location{o.rules_dir}, {"採点できる領域がありません（規則とプラグインを確かめてください）",
                                                                     "no area can be scored (check the rule sets and plugins)"});

        AnswerGenerator gen(o.seed);
        constexpr std::size_t block = 256;  // answer sets in memory at once
        std::vector<std::string> texts(block);
        std::vector<engine::Answers> answers(block);
        std::vector<signed char> truths;
        double reading = 0, end_to_end = 0;
        const auto count = static_cast<std::size_t>(o.count);
        for (std::size_t done = 0; done < count;) {
            const std::size_t n = std::min(block, count - done);
            for (std::size_t k = 0; k < n; ++k) texts[k] = gen.answer_set(inst, static_cast<long long>(done + k), 2025).dump();

            // End to end: JSON text -> checked answers -> every area scored by its plugin and rules.
            auto t0 = clock::now();
            for (std::size_t k = 0; k < n; ++k)
                engine::parse_answers_json_into(texts[k], engine::Location{"bench", static_cast<std::uint32_t>(done + k + 1), 0}, schema, answers[k]);
            reading += seconds_since(t0);
            for (std::size_t k = 0; k < n; ++k) {
                Assessment scored = assess(inst, std::move(answers[k]), policy);
                answers[k] = std::move(scored.answers);
            }
            end_to_end += seconds_since(t0);

            // Each area on its own, with its plugin's facts derived beforehand (not timed).
            for (AreaTimes& at : areas) {
                if (!at.measured) continue;
                const engine::RuleSet& rules = *at.area->rules;
                const PluginRecord& plugin = *at.area->plugin;
                // As assess() runs an in-process plugin: on the asked answers only (not timed).
                std::vector<std::unique_ptr<PluginSession>> sessions;
                std::vector<std::optional<engine::AnswerNode>> asked(n);
                std::vector<const engine::AnswerNode*> nodes(n);
                for (std::size_t k = 0; k < n; ++k) {
                    const auto& a = answers[k];
                    const auto it = a.areas.find(rules.area);
                    nodes[k] = it == a.areas.end() ? nullptr : &it->second;
                    asked[k] = engine::without_skipped_answers(rules, nodes[k], a.profile);
                    sessions.push_back(std::make_unique<PluginSession>(plugin, asked[k] ? &*asked[k] : nodes[k], a.profile.as_of,
                                                                       at.area->reference, &a.profile));
                    (void)sessions.back()->derive();
                }
                // The environment of answer set k, built in place (an environment is never moved).
                const auto bind = [&](auto& into, std::size_t k) -> engine::AreaEnvironment& {
                    PluginSession& s = *sessions[k];
                    return into.emplace(rules, nodes[k], answers[k].profile, s.facts(),
                                        [&s](const std::string& fn, const std::vector<engine::Value>& args) { return s.call(fn, args); });
                };
                std::optional<engine::AreaEnvironment> env;
                for (std::size_t k = 0; k < n; ++k) bind(env, k);  // warm: the timings below compare like with like
                t0 = clock::now();
                for (std::size_t k = 0; k < n; ++k) bind(env, k);
                at.binding += seconds_since(t0);
                t0 = clock::now();
                for (std::size_t k = 0; k < n; ++k) (void)engine::score_area(rules, bind(env, k), plugin.fact_labels, false);
                at.result += seconds_since(t0);
                Environments bound;
                for (std::size_t k = 0; k < n; ++k) bind(bound, k);
                truths.resize(rules.conditions.size());
                t0 = clock::now();
                for (const auto& e : bound.all) rules.conditions.test(e, truths.data());
                at.scoring += seconds_since(t0);
                at.evaluations += static_cast<long long>(n);
            }
            done += n;
        }

        std::cout << "dxassess bench: " << o.rules_dir << (en ? ", " : "、") << grouped(static_cast<double>(o.count))
                  << (en ? " generated answer sets (seed " : " 件の生成した回答（種 ") << o.seed
                  << (en ? "), one thread\n\n" : "）、1 スレッド\n\n");
        std::cout << (en ? "area | conditions | scoring only | binding | binding + result | areas per second\n"
                         : "領域 | 条件数 | 条件の評価のみ | 回答の結び付け | 結び付け＋結果 | 1 秒あたりの領域数\n");
        for (const AreaTimes& at : areas) {
            const engine::RuleSet& rules = *at.area->rules;
            std::cout << rules.area << " | " << rules.conditions.size() << " | ";
            if (!at.measured) {
                std::cout << (en ? "(isolated plugin: end to end only)\n" : "（隔離して動くプラグイン: 全体の計測のみ）\n");
                continue;
            }
            std::cout << nanoseconds(at.scoring, at.evaluations) << " | " << nanoseconds(at.binding, at.evaluations) << " | "
                      << nanoseconds(at.result, at.evaluations) << " | "
                      << grouped(at.result > 0 ? static_cast<double>(at.evaluations) / at.result : 0) << "\n";
        }
        for (const AreaRules* a : unscored)
            std::cout << a->area() << (en ? " | (not measured: " : " | （計測できません: ") << a->failure.in(g.lang) << (en ? ")\n" : "）\n");
        const double per_set = end_to_end / static_cast<double>(o.count);
        std::cout << "\n"
                  << (en ? "end to end (JSON text -> answers -> every area, results only): " : "全体（JSON テキスト → 回答 → 全領域の採点、結果のみ）: ")
                  << nanoseconds(end_to_end, o.count) << (en ? " per answer set, " : "／件、")
                  << grouped(per_set > 0 ? 1.0 / per_set : 0) << (en ? " per second on one core" : " 件／秒（1 コア）") << "\n"
                  << (en ? "  of which reading the answers: " : "  うち回答の読み込み: ") << nanoseconds(reading, o.count)
                  << (en ? " per answer set\n" : "／件\n");
        return unscored.empty() ? exit_ok : exit_area_missing;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(g.lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
