#include "assessment/assessment.hpp"

#include "assessment/lock_file.hpp"
#include "assessment/value_json.hpp"
#include "platform/os.hpp"
#include "plugins/isolation.hpp"
#include "plugins/plugin_session.hpp"
#include "support/files.hpp"
#include "support/log.hpp"
#include "support/sha256.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Text;

engine::Date today_local() {
    const std::tm tm = local_time(std::time(nullptr));
    return engine::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string find_model_file(const SearchPaths& paths) {
    for (const auto& dir : paths.rules_dirs) {
        std::error_code ec;
        if (fs::is_regular_file(fs::path(dir) / "model.toml", ec)) return (fs::path(dir) / "model.toml").string();
    }
    return {};
}

Installation::Installation(const SearchPaths& paths, const RunPolicy& policy) : paths_(paths) {
    const std::string model_file = find_model_file(paths_);
    if (model_file.empty())
        throw engine::InputError(engine::Location{"model.toml"},
                                 Text{"モデルファイル model.toml がルールディレクトリにありません（--rules-dir で指定できます）",
                                      "model.toml not found in the rules directories (see --rules-dir)"});
    model_ = engine::load_model(model_file);
    model_sha256_ = sha256_file(model_file);

    std::optional<LockFile> lock;
    if (!paths_.lock_file.empty()) {
        lock = load_lock(paths_.lock_file);
        if (lock->model != model_sha256_)
            throw engine::InputError(engine::Location{model_file},
                                     Text{"model.toml の SHA-256 がロックファイル " + paths_.lock_file + " と一致しません",
                                          "model.toml's SHA-256 differs from the lock file " + paths_.lock_file});
    }

    registry_.set_probe(policy.timeout_seconds, policy.isolate_all);
    registry_.discover(paths_.plugin_dirs, paths_.shipped_plugin_dir);
    if (lock) refuse_unlocked_plugins(*lock);

    for (const auto& plugin : registry_.plugins()) {
        if (!plugin.loaded || plugin.area == DXA_GENERIC_AREA) continue;
        const std::string file = find_rules_file(plugin.area);
        if (file.empty() && !model_.find_area(plugin.area)) {
            registry_.refuse(plugin.file, {"不明な領域 '" + plugin.area + "'（共通モデルになく、ルールファイル " + plugin.area + ".toml もありません）",
                                           "unknown area '" + plugin.area + "' (not in the model and no rule file " + plugin.area + ".toml)"});
            continue;
        }
        areas_.push_back(load_area_rules(plugin, plugin.area, file));
    }
    add_generic_areas();
    if (lock)
        for (auto& a : areas_) {
            if (!a.rules) continue;
            const auto it = lock->rule_sets.find(a.rules->area);
            if (it != lock->rule_sets.end() && it->second == a.sha256) continue;
            a.failure = {a.file + " の SHA-256 がロックファイル " + lock->path + (it == lock->rule_sets.end() ? " にありません" : " と一致しません"),
                         a.file + "'s SHA-256 " + (it == lock->rule_sets.end() ? "is not in" : "differs from") + " the lock file " + lock->path};
            log::warn(a.failure.en);
            a.rules.reset();
        }
}

void Installation::refuse_unlocked_plugins(const LockFile& lock) {
    for (const auto& plugin : registry_.plugins()) {
        if (!plugin.loaded) continue;
        const auto it = lock.plugins.find(plugin.id);
        if (it == lock.plugins.end())
            registry_.refuse(plugin.file, {"プラグイン " + plugin.id + " はロックファイル " + lock.path + " にありません",
                                           "plugin " + plugin.id + " is not in the lock file " + lock.path});
        else if (it->second != plugin.sha256)
            registry_.refuse(plugin.file, {"プラグイン " + plugin.id + " の SHA-256 がロックファイルと一致しません（ロック " + it->second.substr(0, 12) +
                                               "…、実物 " + plugin.sha256.substr(0, 12) + "…）",
                                           "plugin " + plugin.id + "'s SHA-256 differs from the lock file (locked " + it->second.substr(0, 12) +
                                               "…, found " + plugin.sha256.substr(0, 12) + "…)"});
    }
}

AreaRules Installation::load_area_rules(const PluginRecord& plugin, const std::string& area, const std::string& file) {
    AreaRules a;
    a.plugin = &plugin;
    a.area_id = area;
    a.file = file;
    if (a.file.empty()) {
        a.failure = {"領域 " + area + " のルールファイル " + area + ".toml が見つかりません", "no rule file " + area + ".toml for area " + area};
    } else {
        try {
            a.rules = engine::load_rule_set(a.file, plugin.symbols, area);
            a.sha256 = sha256_file(a.file);
            if (!a.rules->plugin.empty() && a.rules->plugin != plugin.id) {
                a.failure = {a.file + " はプラグイン " + a.rules->plugin + " 用ですが、読み込まれたのは " + plugin.id + " です",
                             a.file + " is written for plugin " + a.rules->plugin + " but " + plugin.id + " is loaded"};
                a.rules.reset();
            }
        } catch (const engine::InputError& e) {
            a.failure = {"ルールファイルに誤りがあります:\n" + e.format(engine::Lang::ja), "the rule file has errors:\n" + e.format(engine::Lang::en)};
        }
    }
    if (!a.failure.empty()) log::warn(a.failure.en);
    return a;
}

void Installation::add_generic_areas() {
    // Rule sets that name a generic plugin are scored by it, with no area-specific code.
    std::vector<std::string> seen;
    for (const auto& dir : paths_.rules_dirs) {
        const auto rule_file = [](const std::string& f) {
            return has_suffix(f, ".toml") && fs::path(f).filename() != "model.toml" && !is_rule_test_file(f);
        };
        for (const auto& f : files_in(dir, rule_file)) {
            engine::RuleSetHeader header;
            try {
                header = engine::peek_rule_set(f);
            } catch (const engine::InputError& e) {
                log::warn(e.format(engine::Lang::en));
                continue;
            }
            if (std::find(seen.begin(), seen.end(), header.area) != seen.end()) continue;  // the first directory wins
            seen.push_back(header.area);
            const bool taken = std::any_of(areas_.begin(), areas_.end(), [&](const AreaRules& a) { return a.area() == header.area; });
            if (taken || header.plugin.empty()) continue;
            const auto generic = std::find_if(registry_.plugins().begin(), registry_.plugins().end(), [&](const PluginRecord& p) {
                return p.loaded && p.area == DXA_GENERIC_AREA && p.id == header.plugin;
            });
            if (generic != registry_.plugins().end()) areas_.push_back(load_area_rules(*generic, header.area, f));
        }
    }
}

std::string Installation::find_rules_file(const std::string& area) const {
    for (const auto& dir : paths_.rules_dirs) {
        const fs::path p = fs::path(dir) / (area + ".toml");
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

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
/// rules call, so the host can score from the results without calling the plugin again.
PluginOutcome run_plugin(const AreaRules& a, const engine::AnswerNode* node, const engine::Answers& answers) {
    PluginOutcome out;
    PluginSession session(*a.plugin, node, answers.profile.as_of);
    out.ok = session.derive();
    if (out.ok) {
        engine::AreaEnvironment env(*a.rules, node, answers.profile, session.facts(),
                                    [&](const std::string& fn, const std::vector<engine::Value>& args) {
                                        engine::Value v = session.call(fn, args);
                                        out.calls[call_key(fn, args)] = v;
                                        return v;
                                    });
        (void)engine::score_area(*a.rules, env, node, a.plugin->fact_labels);
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
    for (const auto& d : j.at("diagnostics"))
        o.diagnostics.push_back({static_cast<engine::Severity>(d.at("severity").get<int>()), d.at("key").get<std::string>(),
                                 {d.at("ja").get<std::string>(), d.at("en").get<std::string>()}});
    return o;
}

/// Runs the plugin in a child process with a time limit; a crash, abort or hang is the area's failure.
PluginOutcome run_plugin_isolated(const AreaRules& a, const engine::AnswerNode* node, const engine::Answers& answers,
                                  const RunPolicy& policy) {
    PluginOutcome out;
    const std::string what = "plugin " + a.plugin->id;
    const auto result = run_isolated([&] { return outcome_to_json(run_plugin(a, node, answers)).dump(); }, policy.timeout_seconds, what,
                                     out.failure);
    if (!result) return out;
    try {
        return outcome_from_json(*result);
    } catch (const std::exception&) {
        out.failure = {what + " が結果を返しませんでした", what + " returned no result"};
        return out;
    }
}

/// A plugin shipped with dxassess runs in the host process.
engine::AreaResult score_in_process(const AreaRules& a, const engine::AnswerNode* node, const engine::Answers& answers, bool explain) {
    const engine::RuleSet& rules = *a.rules;
    PluginSession session(*a.plugin, node, answers.profile.as_of);
    if (!session.derive()) {
        auto r = not_scored(rules.area, rules.title, session.failure());
        r.diagnostics = session.diagnostics();
        return r;
    }
    engine::AreaEnvironment env(rules, node, answers.profile, session.facts(),
                                [&session](const std::string& fn, const std::vector<engine::Value>& args) { return session.call(fn, args); });
    engine::AreaResult r = engine::score_area(rules, env, node, a.plugin->fact_labels, explain);
    r.facts = session.facts();
    r.diagnostics = session.diagnostics();  // after scoring: includes failures of rule functions
    return r;
}

/// Shipped plugins run in this process unless --isolate; others always in a child process.
bool in_process(const AreaRules& a, const RunPolicy& policy) { return !policy.isolate_all && a.plugin->shipped; }

engine::AreaResult score_with_plugin(const AreaRules& a, const engine::Answers& answers, const RunPolicy& policy) {
    const engine::RuleSet& rules = *a.rules;
    const auto it = answers.areas.find(rules.area);
    const engine::AnswerNode* node = it == answers.areas.end() ? nullptr : &it->second;
    if (in_process(a, policy)) return score_in_process(a, node, answers, policy.explain);
    const PluginOutcome outcome = run_plugin_isolated(a, node, answers, policy);
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
    engine::AreaResult r = engine::score_area(rules, env, node, a.plugin->fact_labels, policy.explain);
    r.facts = outcome.facts;
    r.diagnostics = outcome.diagnostics;  // includes failures of rule functions
    return r;
}

}  // namespace

engine::AnswerSchema Installation::answer_schema() const {
    engine::AnswerSchema schema;
    for (const auto& a : areas_)
        if (a.rules) schema.rule_sets.push_back(&*a.rules);
    auto add_known = [&](const std::string& area) {
        const bool checked = std::any_of(schema.rule_sets.begin(), schema.rule_sets.end(),
                                         [&](const auto* r) { return r->area == area; });
        auto& other = schema.other_known_areas;
        if (!checked && std::find(other.begin(), other.end(), area) == other.end()) other.push_back(area);
    };
    for (const auto& w : model_.areas) add_known(w.area);
    for (const auto& p : registry_.plugins())
        if (!p.area.empty()) add_known(p.area);
    return schema;
}

bool Installation::concurrent(const RunPolicy& policy) const {
    return std::all_of(areas_.begin(), areas_.end(), [&](const AreaRules& a) {
        return !a.rules || (a.plugin->concurrent && in_process(a, policy));
    });
}

Assessment assess(const Installation& inst, const std::string& answers_path, engine::Date today, const RunPolicy& policy) {
    std::string text = engine::read_answers_file(answers_path);
    Assessment a = assess(inst, engine::parse_answers(text, answers_path, inst.answer_schema(), today), policy);
    a.answers_sha256 = sha256_hex(text);
    a.answers_text = std::move(text);
    return a;
}

Assessment assess(const Installation& inst, engine::Answers answers, const RunPolicy& policy) {
    Assessment out;
    out.model = &inst.model();
    out.model_sha256 = inst.model_sha256();
    out.answers = std::move(answers);

    // Model areas first (report order), then any extra area a plugin brings.
    std::vector<std::string> order;
    for (const auto& w : inst.model().areas) order.push_back(w.area);
    for (const auto& a : inst.areas())
        if (std::find(order.begin(), order.end(), a.area()) == order.end()) order.push_back(a.area());

    for (const auto& area : order) {
        const auto* weight = inst.model().find_area(area);
        const Text title = weight ? weight->title : Text{area, area};
        const auto a = std::find_if(inst.areas().begin(), inst.areas().end(),
                                    [&](const AreaRules& x) { return x.area() == area; });
        if (a != inst.areas().end()) {
            if (a->rules) {
                out.areas.push_back(score_with_plugin(*a, out.answers, policy));
                out.scored_by.push_back(&*a);
            } else {
                out.areas.push_back(not_scored(area, title, a->failure));
            }
            continue;
        }
        // No working plugin. Expected if answered or if a plugin for it was found but refused.
        const PluginRecord* refused = nullptr;
        for (const auto& p : inst.registry().plugins())
            if (!p.loaded && p.area == area) refused = &p;
        if (refused) {
            out.areas.push_back(not_scored(area, title,
                                           {"プラグイン " + refused->file + " を読み込めませんでした: " + refused->reason.ja,
                                            "plugin " + refused->file + " was refused: " + refused->reason.en}));
        } else if (out.answers.areas.count(area)) {
            out.areas.push_back(not_scored(area, title,
                                           {"領域 " + area + " のプラグインがインストールされていません",
                                            "no plugin is installed for area " + area}));
        } else {
            out.not_installed.push_back(area);
        }
    }
    out.overall = engine::combine(inst.model(), out.areas);
    out.actions = engine::rank_actions(out.areas, out.answers.targets);
    return out;
}

}  // namespace dxassess::host
