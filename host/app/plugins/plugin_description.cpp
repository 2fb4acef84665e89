#include "plugins/plugin_description.hpp"

#include "support/json_integer.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstring>
#include <regex>

namespace dxassess::host {
namespace {

using engine::Text;

/// The descriptor of ABI 1.0 ends with `derive`; a plugin of any 1.x minor is at least this big.
constexpr std::size_t min_descriptor_size = offsetof(dxa_plugin_descriptor, derive) + sizeof(void*);
constexpr uint32_t max_params = 16;
constexpr uint32_t max_symbols = 1024;
constexpr std::size_t max_text = 4096;  // bytes of one name or label

std::string abi(unsigned major, unsigned minor) { return std::to_string(major) + "." + std::to_string(minor); }

bool identifier(const std::string& s) {
    static const std::regex re("[a-z_][a-z0-9_]*");
    return std::regex_match(s, re);
}

/// A string from foreign memory: NUL-terminated within max_text bytes and UTF-8; nothing otherwise.
std::optional<std::string> text_at(const char* s) {
    if (s == nullptr) return std::nullopt;
    const std::size_t n = strnlen(s, max_text + 1);
    if (n > max_text) return std::nullopt;
    std::string out(s, n);
    if (!engine::is_valid_utf8(out)) return std::nullopt;
    return out;
}

bool nonempty(const std::optional<std::string>& s) { return s && !s->empty(); }

std::optional<engine::Type> to_engine_type(int t) {
    switch (t) {
        case DXA_TYPE_BOOL: return engine::Type::boolean;
        case DXA_TYPE_INT: return engine::Type::integer;
        case DXA_TYPE_NUMBER: return engine::Type::number;
        case DXA_TYPE_STRING: return engine::Type::string;
        case DXA_TYPE_DATE: return engine::Type::date;
        default: return std::nullopt;
    }
}

Text malformed(const std::string& ja, const std::string& en) { return {"記述子が壊れています: " + ja, "malformed descriptor: " + en}; }

}  // namespace

std::optional<Text> read_descriptor(const dxa_plugin_descriptor* d, PluginDescription& out) {
    if (d == nullptr)
        return Text{"エントリポイントが記述子を返しませんでした（NULL）", "the entry point returned no descriptor (NULL)"};
    if (d->struct_size < offsetof(dxa_plugin_descriptor, id))
        return Text{"記述子が壊れています（struct_size " + std::to_string(d->struct_size) + "）",
                    "malformed descriptor (struct_size " + std::to_string(d->struct_size) + ")"};
    out.abi_major = d->abi_major;
    out.abi_minor = d->abi_minor;
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
    const auto id = text_at(d->id);
    if (!nonempty(id)) return malformed("id が空か不正です", "empty or invalid id");
    out.id = *id;
    const auto version = text_at(d->version), area = text_at(d->area), name_ja = text_at(d->name_ja), name_en = text_at(d->name_en);
    if (!nonempty(version)) return malformed("version が空か不正です", "empty or invalid version");
    if (!nonempty(area)) return malformed("area が空か不正です", "empty or invalid area");
    if (!nonempty(name_ja) || !nonempty(name_en)) return malformed("name_ja / name_en が空か不正です", "empty or invalid name_ja / name_en");
    out.version = *version;
    out.area = *area;
    out.name_ja = *name_ja;
    out.name_en = *name_en;
    out.concurrent = DXA_HAS_FIELD(dxa_plugin_descriptor, d->struct_size, flags) && (d->flags & DXA_PLUGIN_CONCURRENT) != 0;

    if (d->fact_count > max_symbols || (d->fact_count > 0 && d->facts == nullptr))
        return malformed("facts の表が不正です", "invalid facts table");
    for (uint32_t i = 0; i < d->fact_count; ++i) {
        const dxa_fact_decl& f = d->facts[i];
        const auto name = text_at(f.name);
        if (!nonempty(name)) return malformed("事実 #" + std::to_string(i) + " の名前が不正です", "fact #" + std::to_string(i) + " has an invalid name");
        const auto ja = text_at(f.description_ja), en = text_at(f.description_en);
        out.facts.push_back({*name, static_cast<int>(f.type), nonempty(ja) ? *ja : *name, nonempty(en) ? *en : *name});
    }
    if (d->function_count > max_symbols || (d->function_count > 0 && d->functions == nullptr))
        return malformed("functions の表が不正です", "invalid functions table");
    for (uint32_t i = 0; i < d->function_count; ++i) {
        const dxa_function_decl& f = d->functions[i];
        const auto name = text_at(f.name);
        const bool params_ok = f.param_count <= max_params && (f.param_count == 0 || f.param_types != nullptr);
        if (!nonempty(name) || !params_ok || f.call == nullptr)
            return malformed("関数 #" + std::to_string(i) + " が不正です（名前・引数・call）",
                             "function #" + std::to_string(i) + " is invalid (name, params or call)");
        PluginDescription::Function fn{*name, static_cast<int>(f.result_type), {}};
        for (uint32_t k = 0; k < f.param_count; ++k) fn.params.push_back(static_cast<int>(f.param_types[k]));
        out.functions.push_back(std::move(fn));
    }
    return std::nullopt;
}

std::optional<Text> apply_description(const PluginDescription& d, PluginRecord& r) {
    r.abi_major = d.abi_major;
    r.abi_minor = d.abi_minor;
    r.id = d.id;
    if (d.id.empty() || d.version.empty() || d.name_ja.empty() || d.name_en.empty())
        return malformed("id・version・name が空です", "empty id, version or name");
    if (!identifier(d.area)) return malformed("area が不正です（英小文字・数字・_）", "area must match [a-z_][a-z0-9_]*");
    r.version = d.version;
    r.area = d.area;
    r.name = Text{d.name_ja, d.name_en};
    r.concurrent = d.concurrent;
    for (std::size_t i = 0; i < d.facts.size(); ++i) {
        const auto& f = d.facts[i];
        const auto type = to_engine_type(f.type);
        if (!identifier(f.name) || !type)
            return Text{"記述子の事実 #" + std::to_string(i) + " の名前か型が不正です",
                        "malformed descriptor: fact #" + std::to_string(i) + " has an invalid name or type"};
        if (r.fact_types.count(f.name)) return Text{"事実 '" + f.name + "' が重複しています", "duplicate fact '" + f.name + "'"};
        r.fact_types[f.name] = static_cast<dxa_type>(f.type);
        r.symbols.facts[f.name] = engine::NameInfo{*type, {}};
        r.fact_labels[f.name] = Text{f.label_ja, f.label_en};
    }
    for (std::size_t i = 0; i < d.functions.size(); ++i) {
        const auto& f = d.functions[i];
        const auto result = to_engine_type(f.result);
        if (!identifier(f.name) || !result || f.params.size() > max_params)
            return Text{"記述子の関数 #" + std::to_string(i) + " が不正です（名前・型・引数・call）",
                        "malformed descriptor: function #" + std::to_string(i) + " is invalid (name, types, params or call)"};
        engine::FunctionInfo info;
        info.result = *result;
        for (int p : f.params) {
            const auto t = to_engine_type(p);
            if (!t) return Text{"関数 '" + f.name + "' の引数の型が不正です", "function '" + f.name + "' has an invalid parameter type"};
            info.params.push_back(*t);
        }
        if (r.symbols.functions.count(f.name) || r.symbols.facts.count(f.name))
            return Text{"関数 '" + f.name + "' が重複しています", "duplicate function '" + f.name + "'"};
        r.symbols.functions[f.name] = std::move(info);
    }
    return std::nullopt;
}

std::string description_to_json(const PluginDescription& d) {
    nlohmann::json j = {{"abi", {d.abi_major, d.abi_minor}}, {"id", d.id},          {"version", d.version},
                        {"area", d.area},                   {"name", {d.name_ja, d.name_en}}, {"concurrent", d.concurrent}};
    j["facts"] = nlohmann::json::array();
    for (const auto& f : d.facts) j["facts"].push_back({f.name, f.type, f.label_ja, f.label_en});
    j["functions"] = nlohmann::json::array();
    for (const auto& f : d.functions) j["functions"].push_back({f.name, f.result, f.params});
    return j.dump();
}

std::optional<PluginDescription> description_from_json(const std::string& json) {
    try {
        const nlohmann::json j = nlohmann::json::parse(json);
        PluginDescription d;
        d.abi_major = json_integer<unsigned>(j.at("abi").at(0));
        d.abi_minor = json_integer<unsigned>(j.at("abi").at(1));
        d.id = j.at("id").get<std::string>();
        d.version = j.at("version").get<std::string>();
        d.area = j.at("area").get<std::string>();
        d.name_ja = j.at("name").at(0).get<std::string>();
        d.name_en = j.at("name").at(1).get<std::string>();
        d.concurrent = j.at("concurrent").get<bool>();
        for (const auto& f : j.at("facts"))
            d.facts.push_back({f.at(0).get<std::string>(), json_integer<int>(f.at(1)), f.at(2).get<std::string>(), f.at(3).get<std::string>()});
        for (const auto& f : j.at("functions")) {
            PluginDescription::Function fn{f.at(0).get<std::string>(), json_integer<int>(f.at(1)), {}};
            for (const auto& p : f.at(2)) fn.params.push_back(json_integer<int>(p));
            d.functions.push_back(std::move(fn));
        }
        if (d.facts.size() > max_symbols || d.functions.size() > max_symbols) return std::nullopt;
        return d;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

}  // namespace dxassess::host
