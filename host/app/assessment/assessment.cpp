#include "assessment/assessment.hpp"

#include "assessment/answers_source.hpp"
#include "assessment/value_json.hpp"
#include "platform/os.hpp"
#include "plugins/isolation.hpp"
#include "plugins/plugin_description.hpp"
#include "plugins/plugin_session.hpp"
#include "support/json_integer.hpp"
#include "support/log.hpp"
#include "support/sha256.hpp"

#include <algorithm>

namespace dxassess::host {

using engine::Text;

namespace {

engine::AreaResult not_scored(const std::string& area, Text title, Text why) {
    engine::AreaResult r;
    r.area = area;
    r.title = std::move(title);
    r.scored = false;
    r.failure = std::move(why);
    return r;
}

/// What a plugin contributes to scoring an area: its facts, its diagnostics and the results of its
/// rule functions. In-process it comes straight from a PluginSession; isolated, it comes back from
/// the child process as JSON and the area is then scored in the host from these results alone.
struct PluginOutcome {
    bool ok = false;
    Text failure;
    std::map<std::string, engine::Value> facts;
    std::vector<engine::PluginDiagnostic> diagnostics;
    std::map<std::string, engine::Value> calls;  // function + arguments (JSON) -> result
};

std::string call_key(const std::string& fn, const std::vector<engine::Value>& args) {
    nlohmann::json key = nlohmann::json::array({fn});
    for (const auto& v : args) key.push_back(value_to_json(v));
    return key.dump();
}

/// Runs the plugin (in the child process): derive, then score once to learn which functions the
/// rules call, so the host can score from the results without calling the plugin again. A foreign
/// plugin is opened here, in the child, never in the host.
PluginOutcome run_plugin(const AreaRules& a, const engine::AnswerNode* node, const engine::AnswerNode* plugin_node,
                         const engine::Profile& profile, const std::string& opened) {
    PluginOutcome out;
    PluginRecord plugin = *a.plugin;
    if (!plugin.descriptor)
        if (auto why = open_in_child(plugin, opened)) {
            out.failure = *why;
            return out;
        }
    PluginSession session(plugin, plugin_node, profile.as_of, a.reference, &profile);
    out.ok = session.derive();
    if (out.ok) {
        engine::AreaEnvironment env(*a.rules, node, profile, session.facts(),
                                    [&](const std::string& fn, const std::vector<engine::Value>& args) {
                                        engine::Value v = session.call(fn, args);
                                        out.calls[call_key(fn, args)] = v;
                                        return v;
                                    });
        (void)engine::score_area(*a.rules, env, plugin.fact_labels);
        out.facts = session.facts();
    }
    out.failure = session.failure();
    out.diagnostics = session.diagnostics();
    return out;
}

nlohmann::json outcome_to_json(const PluginOutcome& o) {
    nlohmann::json j = {{"ok", o.ok}, {"failure", {{"ja", o.failure.ja}, {"en", o.failure.en}}}};
    for (const auto& [k, v] : o.facts) j["facts"][k] = value_to_json(v);
    for (const auto& [k, v] : o.calls) j["calls"][k] = value_to_json(v);
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : o.diagnostics)
        j["diagnostics"].push_back({{"severity", static_cast<int>(d.severity)}, {"key", d.answer_key}, {"ja", d.message.ja}, {"en", d.message.en}});
    return j;
}

PluginOutcome outcome_from_json(const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text);
    PluginOutcome o;
    o.ok = j.at("ok").get<bool>();
    o.failure = {j.at("failure").at("ja").get<std::string>(), j.at("failure").at("en").get<std::string>()};
    if (j.contains("facts"))
        for (const auto& [k, v] : j["facts"].items()) o.facts[k] = value_from_json(v);
    if (j.contains("calls"))
        for (const auto& [k, v] : j["calls"].items()) o.calls[k] = value_from_json(v);
    for (const auto& d : j.at("diagnostics")) {
        const int severity = json_integer<int>(d.at("severity"));
        if (severity < 0 || severity > static_cast<int>(engine::Severity::info))
            throw nlohmann::json::out_of_range::create(406, "no such severity " + std::to_string(severity), &d);
        o.diagnostics.push_back({static_cast<engine::Severity>(severity), d.at("key").get<std::string>(),
                                 {d.at("ja").get<std::string>(), d.at("en").get<std::string>()}});
    }
    return o;
}

/// What the scoring task needs, by value or by file: the child (a fork, or on Windows a new start
/// of the program) rebuilds the plugin record, the rule set and the reference data from it.
std::string score_task_input(const AreaRules& a, const engine::AnswerNode* node, const engine::Profile& profile, const std::string& opened) {
    nlohmann::json j = {
        {"plugin", {{"file", a.plugin->file}, {"opened", opened}, {"description", a.plugin->description}, {"official", a.plugin->official}}},
        {"rules", {{"file", a.file}, {"sha256", a.sha256}, {"area", a.area_id}}},
        {"reference", a.reference ? a.reference->path : std::string()},
        {"profile", profile_to_json(profile)}};
    if (node) j["answers"] = answer_to_json(*node);
    return j.dump();
}

/// Runs the plugin in a child process under limits; a crash, abort, hang, exhausted memory or early
/// exit is the area's failure.
PluginOutcome run_plugin_isolated(const AreaRules& a, const engine::AnswerNode* node, const engine::Profile& profile,
                                  const ChildLimits& limits) {
    PluginOutcome out;
    const std::string what = "plugin " + a.plugin->id;
    const HeldFile held(a.plugin->file);  // readable by the child even after it drops to an unprivileged user
    const auto result = run_isolated({score_task_name, score_plugin_task, score_task_input(a, node, profile, held.path())}, limits, what,
                                     out.failure);
    if (!result) return out;
    try {
        return outcome_from_json(*result);
    } catch (const std::exception&) {
        out.failure = {what + " が結果を返しませんでした", what + " returned no result"};
        return out;
    }
}

/// An official plugin runs in the host process.
engine::AreaResult score_in_process(const AreaRules& a, const engine::AnswerNode* node, const engine::AnswerNode* plugin_node,
                                    const engine::Answers& answers, bool explain) {
    const engine::RuleSet& rules = *a.rules;
    PluginSession session(*a.plugin, plugin_node, answers.profile.as_of, a.reference, &answers.profile);
    if (!session.derive()) {
        auto r = not_scored(rules.area, rules.title, session.failure());
        r.diagnostics = session.diagnostics();
        return r;
    }
    engine::AreaEnvironment env(rules, node, answers.profile, session.facts(),
                                [&session](const std::string& fn, const std::vector<engine::Value>& args) { return session.call(fn, args); });
    engine::AreaResult r = engine::score_area(rules, env, a.plugin->fact_labels, explain);
    r.facts = session.take_facts();  // the session ends here, and env with it
    r.diagnostics = session.take_diagnostics();  // after scoring: includes failures of rule functions
    return r;
}

engine::AreaResult score_with_plugin(const AreaRules& a, const engine::Answers& answers, const RunPolicy& policy,
                                     const ChildLimits& limits) {
    const engine::RuleSet& rules = *a.rules;
    const auto it = answers.areas.find(rules.area);
    const engine::AnswerNode* node = it == answers.areas.end() ? nullptr : &it->second;
    if (runs_in_process(a, policy)) {
        // Answers to questions not asked are ignored by the rules, and the plugin never sees them
        // (an isolated plugin's child leaves them out the same way, in score_plugin_task).
        const std::optional<engine::AnswerNode> asked = engine::without_skipped_answers(rules, node, answers.profile);
        return score_in_process(a, node, asked ? &*asked : node, answers, policy.explain);
    }
    const PluginOutcome outcome = run_plugin_isolated(a, node, answers.profile, limits);
    if (!outcome.ok) {
        auto r = not_scored(rules.area, rules.title, outcome.failure);
        r.diagnostics = outcome.diagnostics;
        return r;
    }
    // Score from the plugin's results: the same facts and function results, whichever process produced them.
    engine::AreaEnvironment env(rules, node, answers.profile, outcome.facts,
                                [&](const std::string& fn, const std::vector<engine::Value>& args) {
                                    const auto c = outcome.calls.find(call_key(fn, args));
                                    return c == outcome.calls.end() ? engine::Value{} : c->second;
                                });
    engine::AreaResult r = engine::score_area(rules, env, a.plugin->fact_labels, policy.explain);
    r.facts = outcome.facts;
    r.diagnostics = outcome.diagnostics;  // includes failures of rule functions
    return r;
}

}  // namespace

std::string score_plugin_task(const std::string& input) {
    const nlohmann::json j = nlohmann::json::parse(input);
    const auto failed = [](Text why) {
        PluginOutcome o;
        o.failure = std::move(why);
        return outcome_to_json(o).dump();
    };
    PluginRecord plugin;
    const auto& p = j.at("plugin");
    plugin.file = p.at("file").get<std::string>();
    plugin.official = p.at("official").get<bool>();
    plugin.description = p.at("description").get<std::string>();
    const auto description = description_from_json(plugin.description);
    if (!description) return failed({"プラグインの説明が読めません", "the plugin's description is unreadable"});
    if (auto why = apply_description(*description, plugin)) return failed(*why);

    std::optional<engine::ReferenceData> reference;
    if (const auto path = j.at("reference").get<std::string>(); !path.empty()) reference = engine::load_reference_data(path);
    AreaRules a;
    a.plugin = &plugin;
    a.file = j.at("rules").at("file").get<std::string>();
    a.sha256 = j.at("rules").at("sha256").get<std::string>();
    a.area_id = j.at("rules").at("area").get<std::string>();
    a.reference = reference ? &*reference : nullptr;
    // The host scores from this child's results with the rules it read: they must be the same rules,
    // so the bytes compared with the host's digest are the bytes parsed.
    HashedFile rules_text;
    read_data_file(a.file, rules_text);
    if (rules_text.sha256() != a.sha256)
        return failed({a.file + " が読み込み後に変更されました", a.file + " changed after it was loaded"});
    try {
        a.rules = engine::parse_rule_set(std::string(rules_text.text()), a.file, plugin.symbols, a.area_id, a.reference);
    } catch (const engine::InputError& e) {
        return failed(rule_file_errors(e));
    }
    const engine::Profile profile = profile_from_json(j.at("profile"));
    std::optional<engine::AnswerNode> node;
    if (j.contains("answers")) node = answer_from_json(j["answers"]);
    const engine::AnswerNode* node_ptr = node ? &*node : nullptr;
    const std::optional<engine::AnswerNode> asked = engine::without_skipped_answers(*a.rules, node_ptr, profile);
    const engine::AnswerNode* plugin_node = asked ? &*asked : node_ptr;
    return outcome_to_json(run_plugin(a, node_ptr, plugin_node, profile, p.at("opened").get<std::string>())).dump();
}

Assessment assess(const Installation& inst, const std::string& answers_path, const RunPolicy& policy) {
    AnswersSource source = read_answers_source(inst, answers_path);
    for (const auto& hint : source.hints) log::warn(hint);
    Assessment a = assess(inst, std::move(source.answers), policy);
    // A workbook's answers travel in the report as answers-file text, so collect re-scores them the same way.
    a.answers_sha256 = sha256_hex(source.text);
    a.answers_text = std::move(source.text);
    return a;
}

Assessment assess(const Installation& inst, engine::Answers answers, const RunPolicy& policy) {
    Assessment out;
    out.model = &inst.model();
    out.model_sha256 = inst.model_sha256();
    out.reference = inst.reference();
    out.reference_sha256 = inst.reference_sha256();
    out.answers = std::move(answers);

    // Model areas first (report order), then any extra area a plugin brings.
    std::vector<std::string> order;
    for (const auto& w : inst.model().areas) order.push_back(w.area);
    for (const auto& a : inst.areas())
        if (std::find(order.begin(), order.end(), a.area()) == order.end()) order.push_back(a.area());

    for (const auto& area : order) {
        const auto a = std::find_if(inst.areas().begin(), inst.areas().end(),
                                    [&](const AreaRules& x) { return x.area() == area; });
        if (a != inst.areas().end() && a->rules) {
            out.areas.push_back(score_with_plugin(*a, out.answers, policy, inst.child_limits()));
            out.scored_by.push_back(&*a);
        } else {
            // The installation lists every expected area, with why it cannot be scored.
            const auto* weight = inst.model().find_area(area);
            Text title = weight                                            ? weight->title
                         : a != inst.areas().end() && !a->title.empty() ? a->title
                                                                           : Text{area, area};
            out.areas.push_back(not_scored(area, std::move(title), a != inst.areas().end() ? a->failure
                                                                               : Text{"領域 " + area + " のプラグインがありません",
                                                                                      "no plugin for area " + area}));
        }
    }
    out.overall = engine::combine(inst.model(), out.areas);
    if (policy.explain) out.actions = engine::rank_actions(out.areas, out.answers.targets);
    return out;
}

}  // namespace dxassess::host
