// Plugin loading with Boost.DLL. Official plugins load here; foreign ones are described in a child
// (plugins/isolation.hpp) and only their checked description crosses into this process.
#include "plugins/plugin_registry.hpp"
#include "dxassess/engine/file_path.hpp"

#include "platform/os.hpp"
#include "plugins/file_trust.hpp"
#include "plugins/isolation.hpp"
#include "plugins/plugin_description.hpp"
#include "plugins/plugin_session.hpp"
#include "support/files.hpp"
#include "support/log.hpp"
#include "support/sha256.hpp"

#include <boost/dll/shared_library.hpp>
#include <boost/system/system_error.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace dxassess::host {
namespace {

using engine::Text;
namespace fs = std::filesystem;

constexpr const char* official_prefix = "jp.dxassess.";

using Library = boost::dll::shared_library;

/// Opens a library and calls its entry point; why not, otherwise. Runs the plugin's code.
std::optional<Text> open_library(const std::string& file, std::shared_ptr<Library>& lib, const dxa_plugin_descriptor*& descriptor) {
    try {
        lib = std::make_shared<Library>(engine::file_path(file), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        return Text{std::string("共有ライブラリを読み込めません: ") + e.what(), std::string("cannot load shared library: ") + e.what()};
    }
    if (!lib->has(DXA_ENTRY_NAME))
        return Text{std::string("エントリポイント '") + DXA_ENTRY_NAME + "' がありません（dxassess のプラグインではありません）",
                    std::string("missing entry point '") + DXA_ENTRY_NAME + "' (not a dxassess plugin)"};
    try {
        descriptor = lib->get_alias<const dxa_plugin_descriptor*(const dxa_host_api*)>(DXA_ENTRY_NAME)(host_api());
    } catch (const boost::system::system_error& e) {
        return Text{std::string("エントリポイントを呼べません: ") + e.what(), std::string("cannot call the entry point: ") + e.what()};
    }
    return std::nullopt;
}

/// `text` with the path a child opened (/proc/self/fd/N) put back as the file the user knows.
std::string named(std::string text, const std::string& opened, const std::string& file) {
    for (std::size_t at = 0; opened != file && (at = text.find(opened, at)) != std::string::npos; at += file.size())
        text.replace(at, opened.size(), file);
    return text;
}

/// In the vetting child: open, describe, check. The answer is JSON: {"description": ...} or {"refused": [ja, en]}.
}  // namespace

/// The vetting task: ["<file to open>", "<file to name in messages>"] -> the checked description.
std::string describe_plugin_task(const std::string& input) {
    const auto names = nlohmann::json::parse(input);
    const std::string opened = names.at(0).get<std::string>(), file = names.at(1).get<std::string>();
    const auto refused = [&](const Text& why) {
        return nlohmann::json{{"refused", {named(why.ja, opened, file), named(why.en, opened, file)}}}.dump();
    };
    std::shared_ptr<Library> lib;
    const dxa_plugin_descriptor* descriptor = nullptr;
    if (auto why = open_library(opened, lib, descriptor)) return refused(*why);
    PluginDescription d;
    if (auto why = read_descriptor(descriptor, d)) return refused(*why);
    PluginRecord check;
    if (auto why = apply_description(d, check)) return refused(*why);
    return nlohmann::json{{"description", description_to_json(d)}}.dump();
}

PluginRegistry::PluginRegistry(std::vector<OfficialPlugin> official, ChildLimits limits)
    : official_(std::move(official)), limits_(std::move(limits)) {}
PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::refuse(const std::string& file, Text reason) {
    for (auto& r : records_)
        if (r.file == file && r.loaded) {
            r.loaded = false;
            r.reason = std::move(reason);
            log::warn(file + ": plugin refused: " + r.reason.en);
        }
}

bool PluginRegistry::any_refused() const {
    return std::any_of(records_.begin(), records_.end(), [](const PluginRecord& r) { return !r.loaded; });
}

const OfficialPlugin* PluginRegistry::official_for(const std::string& area) const {
    for (const auto& o : official_)
        if (o.area == area && o.area != DXA_GENERIC_AREA) return &o;
    return nullptr;
}

void PluginRegistry::discover(const std::vector<std::string>& dirs) {
    std::vector<std::string> files, seen;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(engine::file_path(dir), ec)) {
            log::debug("plugin directory not found: " + dir);
            continue;
        }
        for (const auto& f : files_in(dir, [](const std::string& f) { return has_suffix(f, boost::dll::shared_library::suffix().string()); })) {
            // The same file reached twice (a directory named twice, a symlink) is one plugin.
            const std::string real = fs::weakly_canonical(engine::file_path(f), ec).string();
            if (std::find(seen.begin(), seen.end(), real) != seen.end()) continue;
            seen.push_back(real);
            files.push_back(f);
        }
    }
    // Official plugins first, so no foreign plugin can claim their ids or areas by being found earlier.
    std::vector<std::pair<std::string, std::string>> official, foreign;  // file, SHA-256 ("" if unreadable)
    for (const auto& f : files) {
        std::string sha;
        try {
            sha = sha256_file(f);
        } catch (const std::exception&) {
        }
        const bool listed = std::any_of(official_.begin(), official_.end(), [&](const OfficialPlugin& o) { return o.sha256 == sha; });
        (listed ? official : foreign).emplace_back(f, sha);
    }
    for (const auto& [f, sha] : official) load(f, sha);
    for (const auto& [f, sha] : foreign) load(f, sha);
}

const PluginRecord& PluginRegistry::load(const std::string& file) { return load(file, ""); }

const PluginRecord& PluginRegistry::load(const std::string& file, const std::string& known_sha256) {
    PluginRecord r;
    r.file = file;
    const auto finish = [&](std::optional<Text> why) -> const PluginRecord& {
        if (why) {
            r.loaded = false;
            r.reason = std::move(*why);
            log::warn(file + ": plugin refused: " + r.reason.en);
        } else {
            r.loaded = true;
            log::debug(file + ": loaded " + (r.official ? "official" : "foreign") + " plugin " + r.id + " " + r.version + " for area " + r.area);
        }
        records_.push_back(std::move(r));
        return records_.back();
    };
    if (auto why = untrusted_file(file)) return finish(std::move(why));
    try {
        r.sha256 = known_sha256.empty() ? sha256_file(file) : known_sha256;
    } catch (const std::exception& e) {
        return finish(Text{std::string("ファイルを読めません: ") + e.what(), std::string("cannot read the file: ") + e.what()});
    }
    const auto entry = std::find_if(official_.begin(), official_.end(), [&](const OfficialPlugin& o) { return o.sha256 == r.sha256; });
    if (entry != official_.end()) {
        r.official = true;
        if (auto why = load_official(r, *entry)) return finish(std::move(why));
    } else if (auto why = vet_foreign(r)) {
        return finish(std::move(why));
    }
    return finish(identity_problem(r));
}

std::optional<Text> PluginRegistry::load_official(PluginRecord& r, const OfficialPlugin& entry) {
    std::shared_ptr<Library> lib;
    const dxa_plugin_descriptor* descriptor = nullptr;
    if (auto why = open_library(r.file, lib, descriptor)) return why;
    PluginDescription d;
    if (auto why = read_descriptor(descriptor, d)) return why;
    if (auto why = apply_description(d, r)) return why;
    if (r.id != entry.id || r.area != entry.area)
        return Text{"公式プラグインの一覧と id・領域が一致しません（一覧: " + entry.id + " / " + entry.area + "）",
                    "id or area differs from the list of official plugins (listed: " + entry.id + " / " + entry.area + ")"};
    r.descriptor = descriptor;
    r.description = description_to_json(d);
    libraries_.push_back(std::move(lib));
    return std::nullopt;
}

std::optional<Text> PluginRegistry::vet_foreign(PluginRecord& r) const {
    Text failure;
    const std::string file = r.file;
    const HeldFile held(file);  // readable by the child even after it drops to an unprivileged user
    const auto answer = run_isolated({describe_task_name, describe_plugin_task, nlohmann::json::array({held.path(), file}).dump()}, limits_, "plugin " + file, failure);
    if (!answer) return Text{"読み込み時の検査で " + failure.ja, "while being vetted, " + failure.en};
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(*answer);
        if (j.contains("refused")) return Text{j.at("refused").at(0).get<std::string>(), j.at("refused").at(1).get<std::string>()};
        const auto d = description_from_json(j.at("description").get<std::string>());
        if (!d) throw std::runtime_error("description");
        if (auto why = apply_description(*d, r)) return why;
        r.description = description_to_json(*d);
        return std::nullopt;
    } catch (const std::exception&) {
        return Text{"検査用の子プロセスが読めない結果を返しました", "the vetting child process returned an unreadable answer"};
    }
}

std::optional<Text> PluginRegistry::identity_problem(const PluginRecord& r) const {
    if (!r.official) {
        if (r.id.rfind(official_prefix, 0) == 0)
            return Text{"id '" + r.id + "' の接頭辞 " + official_prefix + " は公式プラグイン専用です",
                        "the id prefix " + std::string(official_prefix) + " of '" + r.id + "' is reserved for official plugins"};
        if (const OfficialPlugin* o = official_for(r.area)) {
            const PluginRecord* holder = for_area(o->area);
            return Text{"領域 '" + r.area + "' は公式プラグイン " + o->id + (holder ? "（" + holder->file + "）" : std::string()) + " 専用です",
                        "area '" + r.area + "' is reserved for the official plugin " + o->id + (holder ? " (" + holder->file + ")" : std::string())};
        }
    }
    for (const auto& other : records_) {
        if (!other.loaded) continue;
        if (other.id == r.id)
            return Text{"プラグイン id '" + r.id + "' は " + other.file + " で読み込み済みです",
                        "plugin id '" + r.id + "' is already loaded from " + other.file};
        if (other.area == r.area && r.area != DXA_GENERIC_AREA)
            return Text{"領域 '" + r.area + "' は別のプラグイン " + other.id + "（" + other.file + "）が評価します",
                        "area '" + r.area + "' is already scored by plugin " + other.id + " (" + other.file + ")"};
    }
    return std::nullopt;
}

const PluginRecord* PluginRegistry::for_area(const std::string& area) const {
    for (const auto& r : records_)
        if (r.loaded && r.area == area) return &r;
    return nullptr;
}

std::optional<Text> open_in_child(PluginRecord& r, const std::string& opened) {
    static std::vector<std::shared_ptr<Library>> kept;  // the child ends without unloading
    std::shared_ptr<Library> lib;
    const dxa_plugin_descriptor* descriptor = nullptr;
    if (auto why = open_library(opened, lib, descriptor)) return Text{named(why->ja, opened, r.file), named(why->en, opened, r.file)};
    PluginDescription d;
    if (auto why = read_descriptor(descriptor, d)) return why;
    if (description_to_json(d) != r.description)
        return Text{"プラグイン " + r.id + " が検査時と異なる内容を申告しました", "plugin " + r.id + " described itself differently than when it was vetted"};
    kept.push_back(std::move(lib));
    r.descriptor = descriptor;
    return std::nullopt;
}

}  // namespace dxassess::host
