#include "assessment/installation.hpp"
#include "dxassess/engine/file_path.hpp"

#include "assessment/lock_file.hpp"
#include "plugins/file_trust.hpp"
#include "support/files.hpp"
#include "support/log.hpp"
#include "support/ordered_pipeline.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <thread>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Text;

bool runs_in_process(const AreaRules& a, const RunPolicy& policy) { return !policy.isolate_all && a.plugin->official; }

namespace {

/// Files that set every area's scale (model, reference data) must be trusted, or nothing is assessed.
void require_trusted(const std::string& file) {
    if (auto why = untrusted_file(file)) throw engine::InputError(engine::Location{file}, *why);
}

std::string first_in_rules_dirs(const SearchPaths& paths, const char* name) {
    for (const auto& dir : paths.rules_dirs) {
        std::error_code ec;
        if (fs::is_regular_file(engine::file_path(dir) / name, ec)) return (engine::file_path(dir) / name).string();
    }
    return {};
}

}  // namespace

std::string find_model_file(const SearchPaths& paths) { return first_in_rules_dirs(paths, "model.toml"); }

std::string find_reference_file(const SearchPaths& paths) { return first_in_rules_dirs(paths, "reference.toml"); }

void read_data_file(const std::string& file, HashedFile& into) { into.read(file, 0, engine::max_answers_bytes); }

Installation::Installation(const SearchPaths& paths, const RunPolicy& policy) : paths_(paths), limits_(policy.limits) {
    if (!paths_.plugin_user.empty()) limits_.run_as_user = paths_.plugin_user;
    const std::string model_file = find_model_file(paths_);
    if (model_file.empty())
        throw engine::InputError(engine::Location{"model.toml"},
                                 Text{"モデルファイル model.toml がルールディレクトリにありません（--rules-dir で指定できます）",
                                      "model.toml not found in the rules directories (see --rules-dir)"});
    require_trusted(model_file);
    const std::string reference_file = find_reference_file(paths_);  // national figures and deadlines: data, no rebuild
    // Start-up has the machine's cores to itself: the model and the reference data are read and
    // hashed on a second thread while this one reads the rule files' headers. It is joined before
    // any plugin is loaded: a foreign plugin is vetted in a child process, and fork() wants no
    // other thread running.
    std::future<void> data = std::async(std::launch::async, [&] {
        HashedFile file;
        read_data_file(model_file, file);
        model_ = engine::parse_model(std::string(file.text()), model_file);
        model_sha256_ = file.sha256();
        if (reference_file.empty()) return;
        require_trusted(reference_file);
        read_data_file(reference_file, file);
        reference_ = std::make_shared<const engine::ReferenceData>(engine::parse_reference_data(std::string(file.text()), reference_file));
        reference_sha256_ = file.sha256();
    });
    read_rule_headers();
    data.get();

    std::optional<LockFile> lock;
    if (!paths_.lock_file.empty()) {
        lock = load_lock(paths_.lock_file);
        if (lock->model != model_sha256_)
            throw engine::InputError(engine::Location{model_file},
                                     Text{"model.toml の SHA-256 がロックファイル " + paths_.lock_file + " と一致しません",
                                          "model.toml's SHA-256 differs from the lock file " + paths_.lock_file});
        if (lock->reference && *lock->reference != reference_sha256_)
            throw engine::InputError(engine::Location{reference_ ? reference_->path : std::string("reference.toml")},
                                     Text{"参照データ reference.toml の SHA-256 がロックファイル " + paths_.lock_file + " と一致しません",
                                          "reference.toml's SHA-256 differs from the lock file " + paths_.lock_file});
    }

    registry_.emplace(load_official_plugins(paths_.official_manifest), limits_);
    registry_->discover(paths_.plugin_dirs);
    if (lock) refuse_unlocked_plugins(*lock);

    // Which rule set each loaded plugin scores, then all of them parsed and compiled at once.
    std::vector<RuleSetToLoad> to_load;
    for (const auto& plugin : registry_->plugins()) {
        if (!plugin.loaded || plugin.area == DXA_GENERIC_AREA) continue;
        std::string file = find_rules_file(plugin.area);
        if (file.empty() && !model_.find_area(plugin.area)) {
            registry_->refuse(plugin.file, {"不明な領域 '" + plugin.area + "'（共通モデルになく、ルールファイル " + plugin.area + ".toml もありません）",
                                           "unknown area '" + plugin.area + "' (not in the model and no rule file " + plugin.area + ".toml)"});
            continue;
        }
        to_load.push_back({&plugin, plugin.area, std::move(file)});
    }
    add_generic_areas(to_load);
    // On every core: the calling thread and one worker per other core (ordered_pipeline's caller works too).
    areas_.resize(to_load.size());
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency()) - 1;
    ordered_pipeline(
        to_load.size(), to_load.size(), workers,
        [&](std::size_t i) { areas_[i] = load_area_rules(*to_load[i].plugin, to_load[i].area, to_load[i].file); },
        [](std::size_t) {});
    add_unserved_areas(lock ? &*lock : nullptr);
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
    for (const auto& plugin : registry_->plugins()) {
        if (!plugin.loaded) continue;
        const auto it = lock.plugins.find(plugin.id);
        if (it == lock.plugins.end())
            registry_->refuse(plugin.file, {"プラグイン " + plugin.id + " はロックファイル " + lock.path + " にありません",
                                           "plugin " + plugin.id + " is not in the lock file " + lock.path});
        else if (it->second != plugin.sha256)
            registry_->refuse(plugin.file, {"プラグイン " + plugin.id + " の SHA-256 がロックファイルと一致しません（ロック " + it->second.substr(0, 12) +
                                               "…、実物 " + plugin.sha256.substr(0, 12) + "…）",
                                           "plugin " + plugin.id + "'s SHA-256 differs from the lock file (locked " + it->second.substr(0, 12) +
                                               "…, found " + plugin.sha256.substr(0, 12) + "…)"});
    }
}

engine::Text rule_file_errors(const engine::InputError& e) {
    return {"ルールファイルに誤りがあります:\n" + e.format(engine::Lang::ja), "the rule file has errors:\n" + e.format(engine::Lang::en)};
}

AreaRules Installation::load_area_rules(const PluginRecord& plugin, const std::string& area, const std::string& file) const {
    AreaRules a;
    a.plugin = &plugin;
    a.area_id = area;
    a.file = file;
    a.reference = reference_.get();
    if (a.file.empty()) {
        a.failure = {"領域 " + area + " のルールファイル " + area + ".toml が見つかりません", "no rule file " + area + ".toml for area " + area};
    } else if (auto why = untrusted_file(a.file)) {
        a.failure = *why;
    } else {
        try {
            HashedFile text;
            read_data_file(a.file, text);
            a.rules = engine::parse_rule_set(std::string(text.text()), a.file, plugin.symbols, area, reference_.get());
            a.sha256 = text.sha256();
            if (!a.rules->plugin.empty() && a.rules->plugin != plugin.id) {
                a.failure = {a.file + " はプラグイン " + a.rules->plugin + " 用ですが、読み込まれたのは " + plugin.id + " です",
                             a.file + " is written for plugin " + a.rules->plugin + " but " + plugin.id + " is loaded"};
                a.rules.reset();
            }
        } catch (const engine::InputError& e) {
            a.failure = rule_file_errors(e);
        }
    }
    if (!a.failure.empty()) {
        log::warn(a.failure.en);
        a.title = plugin.name;  // the rule set's own title when its header still reads
        if (!a.file.empty()) try {
                a.title = engine::peek_rule_set(a.file).title;
            } catch (const engine::InputError&) {
            }
    }
    return a;
}

void Installation::read_rule_headers() {
    // Each rule file's header is read once: which area it scores, with which plugin, under what title.
    std::vector<std::string> files = paths_.rule_files;
    const auto rule_file = [](const std::string& f) {
        return has_suffix(f, ".toml") && engine::file_path(f).filename() != "model.toml" && engine::file_path(f).filename() != "reference.toml" && !is_rule_test_file(f);
    };
    for (const auto& dir : paths_.rules_dirs)
        for (auto& f : files_in(dir, rule_file)) files.push_back(std::move(f));
    for (auto& f : files) {
        try {
            engine::RuleSetHeader header = engine::peek_rule_set(f);
            rule_headers_.push_back({std::move(f), std::move(header)});
        } catch (const engine::InputError& e) {
            log::warn(e.format(engine::Lang::en));  // its plugin's load, or `dxassess rules check`, says more
        }
    }
}

void Installation::add_generic_areas(std::vector<RuleSetToLoad>& to_load) const {
    // Rule sets that name a generic plugin are scored by it, with no area-specific code.
    std::vector<std::string> seen;
    for (const auto& entry : rule_headers_) {
        const auto& header = entry.header;  // not a structured binding: clang < 16 lambdas cannot capture those
        if (std::find(seen.begin(), seen.end(), header.area) != seen.end()) continue;  // the first one wins
        seen.push_back(header.area);
        const bool taken = std::any_of(to_load.begin(), to_load.end(), [&](const RuleSetToLoad& r) { return r.area == header.area; });
        if (taken || header.plugin.empty()) continue;
        const auto generic = std::find_if(registry_->plugins().begin(), registry_->plugins().end(), [&](const PluginRecord& p) {
            return p.loaded && p.area == DXA_GENERIC_AREA && p.id == header.plugin;
        });
        if (generic != registry_->plugins().end()) to_load.push_back({&*generic, header.area, entry.file});
    }
}

void Installation::add_unserved_areas(const LockFile* lock) {
    // Every area the installation expects is reported, scored or not: a refused or missing plugin
    // never makes its area vanish. Expected are the model's areas, those of rule sets in the rules
    // directories, of refused plugins, and of rule sets pinned by the lock file.
    struct Expected {
        std::string area, plugin;  // the plugin its rule set names
        Text title;
    };
    std::vector<Expected> expected;
    for (const auto& w : model_.areas) expected.push_back({w.area, "", w.title});
    for (const auto& [f, header] : rule_headers_) expected.push_back({header.area, header.plugin, header.title});
    for (const auto& p : registry_->plugins())
        if (!p.loaded && !p.area.empty() && p.area != DXA_GENERIC_AREA) expected.push_back({p.area, p.id, p.name});
    if (lock)
        for (const auto& [area, sha] : lock->rule_sets) expected.push_back({area, "", {}});
    for (const auto& e : expected) {
        const std::string& area = e.area;  // not a structured binding: clang < 16 lambdas cannot capture those
        const bool served = std::any_of(areas_.begin(), areas_.end(), [&](const AreaRules& a) { return a.area() == area; });
        if (served) continue;
        AreaRules a;
        a.area_id = area;
        a.title = e.title;
        a.file = find_rules_file(area);
        a.failure = why_unserved(area, e.plugin);
        log::debug(a.failure.en);  // reports and `dxassess plugins` show it with the area
        areas_.push_back(std::move(a));
    }
}

Text Installation::why_unserved(const std::string& area, const std::string& plugin_id) const {
    for (const auto& p : registry_->plugins())
        if (!p.loaded && (p.area == area || (!plugin_id.empty() && p.id == plugin_id)))
            return {"プラグイン " + p.file + " を読み込めませんでした: " + p.reason.ja, "plugin " + p.file + " was refused: " + p.reason.en};
    const std::string named = plugin_id.empty() ? std::string() : "（ルールセットが指定するプラグイン: " + plugin_id + "）";
    const std::string named_en = plugin_id.empty() ? std::string() : " (its rule set names plugin " + plugin_id + ")";
    // Only its official plugin may score an official area: no foreign refusal can explain its absence.
    if (const OfficialPlugin* o = registry_->official_for(area))
        return {"領域 " + area + " の公式プラグイン " + o->id + "（" + o->file + "）がインストールされていません",
                "the official plugin " + o->id + " (" + o->file + ") for area " + area + " is not installed"};
    // A plugin refused before it could say what it is may be the one this area needed: name them all.
    std::string refused_ja, refused_en;
    for (const auto& p : registry_->plugins())
        if (!p.loaded && p.id.empty()) {
            refused_ja += "\n  " + p.file + ": " + p.reason.ja;
            refused_en += "\n  " + p.file + ": " + p.reason.en;
        }
    if (!refused_en.empty())
        return {"領域 " + area + " のプラグインが読み込まれていません" + named + "。拒否されたプラグイン:" + refused_ja,
                "no plugin was loaded for area " + area + named_en + "; refused plugins:" + refused_en};
    return {"領域 " + area + " のプラグインがインストールされていません" + named, "no plugin is installed for area " + area + named_en};
}

std::string Installation::find_rules_file(const std::string& area) const {
    for (const auto& f : paths_.rule_files) {
        const auto h = std::find_if(rule_headers_.begin(), rule_headers_.end(), [&](const RuleFileHeader& r) { return r.file == f; });
        if (h != rule_headers_.end() ? h->header.area == area : engine::file_path(f).stem() == area) return f;  // an unreadable one by its name
    }
    for (const auto& dir : paths_.rules_dirs) {
        const fs::path p = engine::file_path(dir) / (area + ".toml");
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

std::vector<const engine::RuleSet*> Installation::rule_sets_in_order() const {
    std::vector<std::string> order;
    for (const auto& w : model_.areas) order.push_back(w.area);
    for (const auto& a : areas_)
        if (a.rules && std::find(order.begin(), order.end(), a.rules->area) == order.end()) order.push_back(a.rules->area);
    std::vector<const engine::RuleSet*> out;
    for (const auto& area : order)
        for (const auto& a : areas_)
            if (a.rules && a.rules->area == area) {
                out.push_back(&*a.rules);
                break;
            }
    return out;
}

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
    for (const auto& a : areas_) add_known(a.area());
    for (const auto& p : registry_->plugins())
        if (!p.area.empty()) add_known(p.area);
    return schema;
}

bool Installation::concurrent(const RunPolicy& policy) const {
    return std::all_of(areas_.begin(), areas_.end(), [&](const AreaRules& a) {
        return !a.rules || (a.plugin->concurrent && runs_in_process(a, policy));
    });
}

}  // namespace dxassess::host
