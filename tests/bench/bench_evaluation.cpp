// Benchmark (not a test): the rule engine's evaluation of the telework rule set against a
// hand-written C++ function that scores the same rules directly — the practical limit.
//   dxassess_bench_evaluation RULES_DIR [N]
// Prints nanoseconds per area evaluation for both, and checks that they agree on every answer set.
#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/scoring.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace dxassess::engine;

namespace {

struct Telework {  // the answers and facts, as a hand-written scorer would hold them
    std::optional<std::string> status;
    std::optional<bool> rules_established, lgwan_access, bcp_integrated, labor_rules, collaboration_tools;
    std::optional<double> eligible_ratio, usage_ratio, e_approval;
    std::optional<std::int64_t> form_count, drill_age;
    std::optional<std::string> remote_access;
    bool home_only = false;
    std::optional<bool> consistent;
};

/// The rules of rules/telework.toml, written out by hand with the same three-valued logic.
struct HandResult {
    int level = 0;
    int score = 0;
    unsigned checks = 0;  // bit per check, in rule order
};

int tri(std::optional<bool> b) { return b ? (*b ? 1 : 0) : -1; }
int both(int a, int b) { return a == 0 || b == 0 ? 0 : (a < 0 || b < 0 ? -1 : 1); }
template <class T, class F>
int test(const std::optional<T>& v, F&& f) { return v ? (f(*v) ? 1 : 0) : -1; }

HandResult score_by_hand(const Telework& t) {
    const int formal = test(t.status, [](const std::string& s) { return s == "formal"; });
    const int criteria[5][4] = {
        {test(t.status, [](const std::string& s) { return s == "considering" || s == "trial" || s == "formal"; }), 1, 1, 1},
        {formal, 1, 1, 1},
        {tri(t.rules_established), test(t.eligible_ratio, [](double v) { return v >= 0.5; }), t.usage_ratio ? 1 : 0, 1},
        {test(t.form_count, [](std::int64_t v) { return v >= 2; }), tri(t.lgwan_access),
         both(tri(t.bcp_integrated), test(t.drill_age, [](std::int64_t d) { return d <= 365; })), test(t.e_approval, [](double v) { return v >= 0.5; })},
        {test(t.usage_ratio, [](double v) { return v >= 0.3; }), test(t.e_approval, [](double v) { return v >= 0.9; }), tri(t.labor_rules), 1},
    };
    const int counts[5] = {1, 1, 3, 4, 3};
    HandResult r;
    for (int l = 0; l < 5; ++l) {
        bool holds = true;
        for (int c = 0; c < counts[l]; ++c) holds = holds && criteria[l][c] == 1;
        if (!holds) break;
        r.level = l + 1;
    }
    double credit = 0;  // partial credit: 20 per level in proportion to its criteria met
    for (int l = 0; l < 5; ++l) {
        int met = 0;
        for (int c = 0; c < counts[l]; ++c) met += criteria[l][c] == 1;
        credit += 20.0 * met / counts[l];
    }
    r.score = static_cast<int>(credit + 1e-9);
    const int status_trial_formal = test(t.status, [](const std::string& s) { return s == "trial" || s == "formal"; });
    const int checks[8] = {
        t.consistent ? (*t.consistent ? 0 : 1) : -1,
        both(formal, tri(t.rules_established) < 0 ? -1 : 1 - tri(t.rules_established)),
        both(status_trial_formal, tri(t.bcp_integrated) < 0 ? -1 : 1 - tri(t.bcp_integrated)),
        both(tri(t.bcp_integrated), test(t.drill_age, [](std::int64_t d) { return d > 365; })),
        test(t.usage_ratio, [](double v) { return v < 0.3; }),
        both(formal, tri(t.collaboration_tools) < 0 ? -1 : 1 - tri(t.collaboration_tools)),
        both(tri(t.lgwan_access), test(t.remote_access, [](const std::string& s) { return s == "none"; })),
        both(test(t.form_count, [](std::int64_t v) { return v == 1; }), t.form_count ? (t.home_only ? 1 : 0) : -1),
    };
    for (int c = 0; c < 8; ++c)
        if (checks[c] == 1) r.checks |= 1u << c;
    return r;
}

template <class T>
std::optional<T> get(const AnswerNode& area, const char* key) {
    const AnswerNode* n = area.member(key);
    if (!n || !std::holds_alternative<T>(n->value)) return std::nullopt;
    return std::get<T>(n->value);
}

/// What a hand-written scorer does before scoring: read the answers and facts it needs.
Telework bind_by_hand(const AnswerNode& area, const std::map<std::string, Value>& facts, Date as_of) {
    Telework t;
    t.status = get<std::string>(area, "status");
    t.rules_established = get<bool>(area, "rules_established");
    t.lgwan_access = get<bool>(area, "lgwan_access");
    t.bcp_integrated = get<bool>(area, "bcp_integrated");
    t.labor_rules = get<bool>(area, "labor_rules");
    t.collaboration_tools = get<bool>(area, "collaboration_tools");
    t.remote_access = get<std::string>(area, "remote_access");
    t.e_approval = get<double>(area, "e_approval_ratio");
    if (auto d = get<Date>(area, "bcp_drill_date")) t.drill_age = as_of.serial() - d->serial();
    // A follow-up not asked (ask_if: telework not in place) is not in place: false, never unknown.
    if (t.status && *t.status != "trial" && *t.status != "formal")
        t.rules_established = t.lgwan_access = t.bcp_integrated = t.labor_rules = false;
    const auto fact = [&](const char* name) -> const Value* {
        const auto it = facts.find(name);
        return it == facts.end() ? nullptr : &it->second;
    };
    if (const Value* v = fact("eligible_ratio")) t.eligible_ratio = std::get<double>(*v);
    if (const Value* v = fact("usage_ratio")) t.usage_ratio = std::get<double>(*v);
    if (const Value* v = fact("form_count")) t.form_count = std::get<std::int64_t>(*v);
    if (const Value* v = fact("staff_counts_consistent")) t.consistent = std::get<bool>(*v);
    if (const AnswerNode* f = area.member("forms"))
        if (const auto* forms = std::get_if<StringList>(&f->value)) t.home_only = std::find(forms->begin(), forms->end(), "home") != forms->end();
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s RULES_DIR [N]\n", argv[0]);
        return 2;
    }
    const int n = argc > 2 ? std::atoi(argv[2]) : 20000;
    PluginSymbols symbols;  // the telework plugin's declarations
    symbols.facts["eligible_ratio"] = {Type::number, {}};
    symbols.facts["usage_ratio"] = {Type::number, {}};
    symbols.facts["form_count"] = {Type::integer, {}};
    symbols.facts["staff_band"] = {Type::string, {}};
    symbols.facts["staff_counts_consistent"] = {Type::boolean, {}};
    symbols.functions["usage_band"] = {{Type::number}, Type::string};
    // The rule set names national figures (ref.<id>) from the rules directory's reference data.
    const ReferenceData reference = load_reference_data(std::string(argv[1]) + "/reference.toml");
    const RuleSet rules = load_rule_set(std::string(argv[1]) + "/telework.toml", symbols, "telework", &reference);

    // N answer sets with their facts, as the plugin would derive them.
    std::mt19937 rng(42);
    const auto coin = [&] { return rng() % 2 == 0; };
    const auto maybe = [&] { return rng() % 10 != 0; };
    struct Case {
        AnswerNode area;
        std::map<std::string, Value> facts;
        Telework t;
    };
    std::vector<Case> cases(static_cast<std::size_t>(n));
    const char* statuses[] = {"formal", "trial", "considering", "none"};
    const char* remotes[] = {"vdi", "screen_transfer", "none"};
    Profile profile;
    profile.as_of = Date{2025, 10, 1};
    for (auto& c : cases) {
        c.area.is_table = true;
        const auto put = [&](const char* k, Value v) {
            AnswerNode m;
            m.value = std::move(v);
            c.area.members.emplace_back(k, std::move(m));
        };
        std::string status;
        if (maybe()) put("status", status = statuses[rng() % 4]);
        // The follow-ups are asked (ask_if) only when telework is in place or its status is unknown;
        // the plugin then derives no facts from them.
        const bool asked = status.empty() || status == "trial" || status == "formal";
        for (const char* k : {"rules_established", "lgwan_access", "bcp_integrated", "labor_rules"})
            if (asked && maybe()) put(k, coin());
        if (maybe()) put("collaboration_tools", coin());
        if (asked && maybe()) put("remote_access", std::string(remotes[rng() % 3]));
        if (maybe()) put("e_approval_ratio", (rng() % 101) / 100.0);
        if (asked && maybe())
            put("bcp_drill_date", Date{2023 + static_cast<int>(rng() % 3), 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28)});
        StringList forms;
        for (const char* f : {"home", "mobile", "satellite"})
            if (coin()) forms.push_back(f);
        if (asked && maybe()) put("forms", forms);
        if (asked && maybe()) c.facts["eligible_ratio"] = (rng() % 101) / 100.0;
        if (asked && maybe()) c.facts["usage_ratio"] = (rng() % 101) / 100.0;
        if (c.area.member("forms")) c.facts["form_count"] = static_cast<std::int64_t>(forms.size());
        c.facts["staff_counts_consistent"] = rng() % 20 != 0;
        // As the answers loader does: answers in questionnaire order.
        const auto order = [&](const std::string& id) {
            for (std::size_t q = 0; q < rules.questions.size(); ++q)
                if (rules.questions[q].id == id) return q;
            return rules.questions.size();
        };
        std::sort(c.area.members.begin(), c.area.members.end(),
                  [&](const auto& a, const auto& b) { return order(a.first) < order(b.first); });

        c.t = bind_by_hand(c.area, c.facts, profile.as_of);
    }
    const auto band = [](const std::string&, const std::vector<Value>& args) -> Value {
        return std::string(std::get<double>(args[0]) < 0.3 ? "under_30" : "30_50");
    };

    using clock = std::chrono::steady_clock;
    const int reps = std::max(5, 200000 / n);  // enough area evaluations for stable timings
    const auto ns_per_area = [&](auto t0, auto t1) { return std::chrono::duration<double, std::nano>(t1 - t0).count() / (double(reps) * n); };

    // 1. Evaluation alone: the hand-written function on its bound struct; the engine's conditions
    //    (every criterion and check) on environments bound beforehand.
    std::vector<HandResult> hand(cases.size());
    auto t0 = clock::now();
    for (int rep = 0; rep < reps; ++rep)
        for (std::size_t i = 0; i < cases.size(); ++i) hand[i] = score_by_hand(cases[i].t);
    const double hand_eval = ns_per_area(t0, clock::now());

    std::deque<AreaEnvironment> envs;
    for (auto& c : cases) envs.emplace_back(rules, &c.area, profile, c.facts, band);
    // The engine evaluates an area's conditions as one compiled program (RuleSet::conditions).
    long long held = 0;
    std::vector<signed char> truths(rules.conditions.size());
    t0 = clock::now();
    for (int rep = 0; rep < reps; ++rep)
        for (const AreaEnvironment& env : envs) {
            rules.conditions.test(env, truths.data());
            for (const signed char t : truths) held += t == 1;
        }
    const double engine_eval = ns_per_area(t0, clock::now());
    envs.clear();

    // 2. Binding and evaluation: reading the answers and facts, then the conditions.
    t0 = clock::now();
    unsigned sink = 0;
    for (int rep = 0; rep < reps; ++rep)
        for (const auto& c : cases) sink += score_by_hand(bind_by_hand(c.area, c.facts, profile.as_of)).checks;
    const double hand_bound = ns_per_area(t0, clock::now());
    t0 = clock::now();
    for (int rep = 0; rep < reps; ++rep)
        for (const auto& c : cases) {
            const AreaEnvironment env(rules, &c.area, profile, c.facts, band);
            rules.conditions.test(env, truths.data());
            for (const signed char t : truths) held += t == 1;
        }
    const double engine_bound = ns_per_area(t0, clock::now());

    // 3. The engine's full result: levels, score, gap, findings (no explanations).
    std::vector<AreaResult> engine(cases.size());
    t0 = clock::now();
    for (int rep = 0; rep < reps; ++rep)
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const AreaEnvironment env(rules, &cases[i].area, profile, cases[i].facts, band);
            engine[i] = score_area(rules, env, {}, false);
        }
    const double engine_full = ns_per_area(t0, clock::now());

    int disagree = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        unsigned bits = 0;
        for (const auto& f : engine[i].findings)
            for (std::size_t c = 0; c < rules.checks.size(); ++c)
                if (rules.checks[c].id == f.check) bits |= 1u << c;
        if (engine[i].level != hand[i].level || engine[i].score != hand[i].score || bits != hand[i].checks) ++disagree;
    }
    std::printf("answer sets: %d (x%d), %zu conditions each\n", n, reps, rules.conditions.size());
    std::printf("evaluation alone:        hand-written %5.0f ns, engine %5.0f ns per area (%.1fx)\n", hand_eval,
                engine_eval, engine_eval / hand_eval);
    std::printf("binding + evaluation:    hand-written %5.0f ns, engine %5.0f ns per area (%.1fx)\n", hand_bound,
                engine_bound, engine_bound / hand_bound);
    std::printf("engine full result (levels, score, gap, findings): %5.0f ns per area (%.1fx the hand-written bound)\n",
                engine_full, engine_full / hand_bound);
    std::printf("disagreements: %d (%lld conditions held, %u)\n", disagree, held, sink);
    return disagree ? 1 : 0;
}
