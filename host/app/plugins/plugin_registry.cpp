// Plugin loading with Boost.DLL and vetting of the descriptor a plugin returns. Everything read
// from a descriptor is treated as foreign input: sizes, versions, strings and tables are checked
// before the host relies on them.
#include "plugins/plugin_registry.hpp"

#include "platform/os.hpp"
#include "plugins/isolation.hpp"
#include "plugins/plugin_session.hpp"
#include "support/files.hpp"
#include "support/log.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <regex>

namespace dxassess::host {
namespace {

using engine::Text;

/// The descriptor of ABI 1.0 ends with `derive`; a plugin of any 1.x minor is at least this big.
constexpr std::size_t min_descriptor_size = offsetof(dxa_plugin_descriptor, derive) + sizeof(void*);
constexpr uint32_t max_params = 16;
constexpr uint32_t max_symbols = 1024;

std::string abi(unsigned major, unsigned minor) { return std::to_string(major) + "." + std::to_string(minor); }

bool identifier(const char* s) {
    static const std::regex re("[a-z_][a-z0-9_]*");
    return s != nullptr && std::regex_match(s, re);
}

bool text_ok(const char* s) { return s != nullptr && *s != '\0' && engine::is_valid_utf8(s); }

std::optional<engine::Type> to_engine_type(dxa_type t) {
    switch (t) {
        case DXA_TYPE_BOOL: return engine::Type::boolean;
        case DXA_TYPE_INT: return engine::Type::integer;
        case DXA_TYPE_NUMBER: return engine::Type::number;
        case DXA_TYPE_STRING: return engine::Type::string;
        case DXA_TYPE_DATE: return engine::Type::date;
        default: return std::nullopt;
    }
}

/// Checks a descriptor; fills the record or returns why it is refused.
std::optional<Text> vet(const dxa_plugin_descriptor* d, PluginRecord& r) {
    if (d == nullptr)
        return Text{"エントリポイントが記述子を返しませんでした（NULL）", "the entry point returned no descriptor (NULL)"};
    if (d->struct_size < offsetof(dxa_plugin_descriptor, id))
        return Text{"記述子が壊れています（struct_size " + std::to_string(d->struct_size) + "）",
                    "malformed descriptor (struct_size " + std::to_string(d->struct_size) + ")"};
    r.abi_major = d->abi_major;
    r.abi_minor = d->abi_minor;
    const std::string host_abi = abi(DXA_ABI_MAJOR, DXA_ABI_MINOR);
    if (d->abi_major != DXA_ABI_MAJOR)
        return Text{"プラグインは ABI " + abi(d->abi_major, d->abi_minor) + " 用にビルドされていますが、このホストは ABI " +
                        host_abi + " です（メジャー版が異なります）",
                    "plugin was built for ABI " + abi(d->abi_major, d->abi_minor) + " but this host implements ABI " +
                        host_abi + " (major version differs)"};
    if (d->abi_minor > DXA_ABI_MINOR)
        return Text{"プラグインは ABI " + abi(d->abi_major, d->abi_minor) + " 用で、このホストの ABI " + host_abi +
                        " より新しいです。dxassess を更新してください",
                    "plugin was built for ABI " + abi(d->abi_major, d->abi_minor) + ", newer than this host's ABI " +
                        host_abi + "; update dxassess"};
    if (d->struct_size < min_descriptor_size)
        return Text{"記述子が壊れています（struct_size " + std::to_string(d->struct_size) + " は ABI " +
                        abi(d->abi_major, d->abi_minor) + " の最小 " + std::to_string(min_descriptor_size) + " より小さい）",
                    "malformed descriptor (struct_size " + std::to_string(d->struct_size) + " is below the " +
                        std::to_string(min_descriptor_size) + " bytes of ABI " + abi(d->abi_major, d->abi_minor) + ")"};
    if (!text_ok(d->id)) return Text{"記述子の id が空か不正です", "malformed descriptor: empty or invalid id"};
    r.id = d->id;
    if (!text_ok(d->version)) return Text{"記述子の version が空か不正です", "malformed descriptor: empty or invalid version"};
    if (!identifier(d->area))
        return Text{"記述子の area が不正です（英小文字・数字・_）", "malformed descriptor: area must match [a-z_][a-z0-9_]*"};
    if (!text_ok(d->name_ja) || !text_ok(d->name_en))
        return Text{"記述子の name_ja / name_en が空か不正です", "malformed descriptor: empty or invalid name_ja / name_en"};
    r.version = d->version;
    r.area = d->area;
    r.name = Text{d->name_ja, d->name_en};
    r.concurrent = DXA_HAS_FIELD(dxa_plugin_descriptor, d->struct_size, flags) && (d->flags & DXA_PLUGIN_CONCURRENT) != 0;

    if (d->fact_count > max_symbols || (d->fact_count > 0 && d->facts == nullptr))
        return Text{"記述子の facts が不正です", "malformed descriptor: invalid facts table"};
    for (uint32_t i = 0; i < d->fact_count; ++i) {
        const dxa_fact_decl& f = d->facts[i];
        const auto type = to_engine_type(f.type);
        if (!identifier(f.name) || !type)
            return Text{"記述子の事実 #" + std::to_string(i) + " の名前か型が不正です",
                        "malformed descriptor: fact #" + std::to_string(i) + " has an invalid name or type"};
        if (r.fact_types.count(f.name))
            return Text{"事実 '" + std::string(f.name) + "' が重複しています", "duplicate fact '" + std::string(f.name) + "'"};
        r.fact_types[f.name] = f.type;
        r.symbols.facts[f.name] = engine::NameInfo{*type, {}};
        r.fact_labels[f.name] = Text{text_ok(f.description_ja) ? f.description_ja : f.name,
                                     text_ok(f.description_en) ? f.description_en : f.name};
    }
    if (d->function_count > max_symbols || (d->function_count > 0 && d->functions == nullptr))
        return Text{"記述子の functions が不正です", "malformed descriptor: invalid functions table"};
    for (uint32_t i = 0; i < d->function_count; ++i) {
        const dxa_function_decl& f = d->functions[i];
        const auto result = to_engine_type(f.result_type);
        const bool params_ok = f.param_count <= max_params && (f.param_count == 0 || f.param_types != nullptr);
        if (!identifier(f.name) || !result || !params_ok || f.call == nullptr)
            return Text{"記述子の関数 #" + std::to_string(i) + " が不正です（名前・型・引数・call）",
                        "malformed descriptor: function #" + std::to_string(i) + " is invalid (name, types, params or call)"};
        engine::FunctionInfo info;
        info.result = *result;
        for (uint32_t k = 0; k < f.param_count; ++k) {
            const auto p = to_engine_type(f.param_types[k]);
            if (!p) return Text{"関数 '" + std::string(f.name) + "' の引数の型が不正です",
                                "function '" + std::string(f.name) + "' has an invalid parameter type"};
            info.params.push_back(*p);
        }
        if (r.symbols.functions.count(f.name) || r.symbols.facts.count(f.name))
            return Text{"関数 '" + std::string(f.name) + "' が重複しています", "duplicate function '" + std::string(f.name) + "'"};
        r.symbols.functions[f.name] = std::move(info);
    }
    r.descriptor = d;
    return std::nullopt;
}

/// A plugin anyone but its owner can replace is not trusted: refuse group- or world-writable files
/// and directories, naming the path and the fix.
std::optional<Text> permission_problem(const std::string& file) {
    namespace fs = std::filesystem;
    for (const fs::path& p : {fs::path(file), fs::path(file).parent_path()}) {
        if (writable_by_others(p.string()))
            return Text{p.string() + " はグループまたは他のユーザーが書き込めるため信頼できません。`chmod go-w " + p.string() + "` で直してください",
                        p.string() + " is writable by group or others, so it cannot be trusted; fix it with `chmod go-w " + p.string() + "`"};
    }
    return std::nullopt;
}

}  // namespace

PluginRegistry::PluginRegistry() = default;
PluginRegistry::~PluginRegistry() = default;

void PluginRegistry::refuse(const std::string& file, Text reason) {
    for (auto& r : records_)
        if (r.file == file && r.loaded) {
            r.loaded = false;
            r.reason = std::move(reason);
            log::warn(file + ": plugin refused: " + r.reason.en);
        }
}

void PluginRegistry::discover(const std::vector<std::string>& dirs, const std::string& shipped_dir) {
    namespace fs = std::filesystem;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            log::debug("plugin directory not found: " + dir);
            continue;
        }
        const auto files = files_in(dir, [](const std::string& f) { return has_suffix(f, ".so"); });
        const bool shipped = !shipped_dir.empty() && std::filesystem::path(dir).lexically_normal() ==
                                                         std::filesystem::path(shipped_dir).lexically_normal();
        for (const auto& f : files) load(f, shipped);
    }
}

const PluginRecord& PluginRegistry::load(const std::string& file, bool shipped) {
    PluginRecord r;
    r.file = file;
    r.shipped = shipped;
    auto refuse = [&](Text why) -> const PluginRecord& {
        r.reason = std::move(why);
        log::warn(file + ": plugin refused: " + r.reason.en);
        records_.push_back(std::move(r));
        return records_.back();
    };
    if (auto why = permission_problem(file)) return refuse(std::move(*why));
    if (probe_timeout_ > 0 && (probe_all_ || !shipped)) {
        // Foreign code runs first in a child: only a crash or a hang there refuses the plugin here;
        // ordinary problems (no entry point, bad descriptor) are diagnosed below in the host.
        Text failure;
        ChildEnd end = ChildEnd::finished;
        const auto probe = run_isolated(
            [&] {
                boost::dll::shared_library probe_lib(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
                if (probe_lib.has(DXA_ENTRY_NAME))
                    (void)probe_lib.get_alias<const dxa_plugin_descriptor*(const dxa_host_api*)>(DXA_ENTRY_NAME)(host_api());
                return std::string("ok");
            },
            probe_timeout_, "plugin " + file, failure, &end);
        if (!probe && (end == ChildEnd::crashed || end == ChildEnd::timed_out)) return refuse(std::move(failure));
    }
    std::shared_ptr<boost::dll::shared_library> lib;
    try {
        lib = std::make_shared<boost::dll::shared_library>(
            file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        return refuse(Text{std::string("共有ライブラリを読み込めません: ") + e.what(),
                           std::string("cannot load shared library: ") + e.what()});
    }
    if (!lib->has(DXA_ENTRY_NAME))
        return refuse(Text{std::string("エントリポイント '") + DXA_ENTRY_NAME + "' がありません（dxassess のプラグインではありません）",
                           std::string("missing entry point '") + DXA_ENTRY_NAME + "' (not a dxassess plugin)"});
    const dxa_plugin_descriptor* descriptor = nullptr;
    try {
        auto& entry = lib->get_alias<const dxa_plugin_descriptor*(const dxa_host_api*)>(DXA_ENTRY_NAME);
        descriptor = entry(host_api());
    } catch (const std::exception& e) {
        return refuse(Text{std::string("エントリポイントを呼べません: ") + e.what(),
                           std::string("cannot call the entry point: ") + e.what()});
    }
    if (auto why = vet(descriptor, r)) return refuse(std::move(*why));
    for (const auto& other : records_) {
        if (!other.loaded) continue;
        if (other.id == r.id)
            return refuse(Text{"プラグイン id '" + r.id + "' は " + other.file + " で読み込み済みです",
                               "plugin id '" + r.id + "' is already loaded from " + other.file});
        if (other.area == r.area)
            return refuse(Text{"領域 '" + r.area + "' は別のプラグイン " + other.id + "（" + other.file + "）が評価します",
                               "area '" + r.area + "' is already scored by plugin " + other.id + " (" + other.file + ")"});
    }
    try {
        r.sha256 = sha256_file(file);
    } catch (const std::exception& e) {
        return refuse(Text{std::string("ファイルを読めません: ") + e.what(), std::string("cannot read the file: ") + e.what()});
    }
    r.loaded = true;
    libraries_.push_back(std::move(lib));
    log::debug(file + ": loaded plugin " + r.id + " " + r.version + " for area " + r.area);
    records_.push_back(std::move(r));
    return records_.back();
}

const PluginRecord* PluginRegistry::for_area(const std::string& area) const {
    for (const auto& r : records_)
        if (r.loaded && r.area == area) return &r;
    return nullptr;
}

}  // namespace dxassess::host
