#include "assessment/lock_file.hpp"

#include "assessment/installation.hpp"
#include "plugins/file_trust.hpp"
#include "support/json_file.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

namespace dxassess::host {

namespace {
constexpr int lock_format = 1;
}

LockFile load_lock(const std::string& path) {
    using engine::Text;
    using json = nlohmann::ordered_json;
    // A lock file decides what may run: one that another user could have changed pins nothing.
    if (auto why = untrusted_file(path)) throw engine::InputError(engine::Location{path}, *why);
    const std::string text = read_text_file(path);
    const json j = parse_json_text(text, path);
    // Problems with the content are placed at the value (or the object that lacks it).
    const auto bad = [&](const std::string& pointer, const std::string& ja, const std::string& en) {
        return engine::InputError(locate_json_pointer(text, pointer, path),
                                  Text{"ロックファイルとして読めません: " + ja, "not a dxassess lock file: " + en});
    };
    const auto object_at = [&](const json& parent, const std::string& pointer, const char* key) -> const json& {
        if (!parent.contains(key)) throw bad(pointer, std::string(key) + " がありません", std::string("missing ") + key);
        const json& o = parent[key];
        if (!o.is_object()) throw bad(pointer + "/" + key, std::string(key) + " はオブジェクトです", std::string(key) + " must be an object");
        return o;
    };
    const auto string_at = [&](const json& parent, const std::string& pointer, const char* key) {
        if (!parent.contains(key)) throw bad(pointer, std::string(key) + " がありません", std::string("missing ") + key);
        const json& v = parent[key];
        if (!v.is_string()) throw bad(pointer + "/" + key, std::string(key) + " は文字列です", std::string(key) + " must be a string");
        return v.get<std::string>();
    };
    const auto array_at = [&](const char* key) -> const json& {
        if (!j.contains(key)) throw bad("", std::string(key) + " がありません", std::string("missing ") + key);
        const json& a = j[key];
        if (!a.is_array()) throw bad(std::string("/") + key, std::string(key) + " は配列です", std::string(key) + " must be an array");
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!a[i].is_object()) throw bad("/" + std::string(key) + "/" + std::to_string(i), "要素はオブジェクトです", "each entry must be an object");
        return a;
    };
    if (!j.is_object()) throw bad("", "JSON オブジェクトではありません", "not a JSON object");
    if (!j.contains("dxassess_lock") || j["dxassess_lock"] != lock_format)
        throw bad("/dxassess_lock", "dxassess_lock は " + std::to_string(lock_format) + " です", "dxassess_lock must be " + std::to_string(lock_format));
    LockFile lock;
    lock.path = path;
    const json& plugins = array_at("plugins");
    for (std::size_t i = 0; i < plugins.size(); ++i) {
        const std::string at = "/plugins/" + std::to_string(i);
        lock.plugins[string_at(plugins[i], at, "id")] = string_at(plugins[i], at, "sha256");
    }
    const json& rule_sets = array_at("rule_sets");
    for (std::size_t i = 0; i < rule_sets.size(); ++i) {
        const std::string at = "/rule_sets/" + std::to_string(i);
        lock.rule_sets[string_at(rule_sets[i], at, "area")] = string_at(rule_sets[i], at, "sha256");
    }
    lock.model = string_at(object_at(j, "", "model"), "/model", "sha256");
    if (j.contains("reference") && !j["reference"].is_null())  // lock files written before the reference data have none: not checked
        lock.reference = string_at(object_at(j, "", "reference"), "/reference", "sha256");
    return lock;
}

std::string render_lock(const Installation& inst) {
    nlohmann::ordered_json j;
    j["dxassess_lock"] = lock_format;
    j["model"] = {{"file", inst.model().path}, {"version", inst.model().version}, {"sha256", inst.model_sha256()}};
    j["reference"] = inst.reference() ? nlohmann::ordered_json{{"file", inst.reference()->path}, {"version", inst.reference()->version},
                                                               {"sha256", inst.reference_sha256()}}
                                      : nlohmann::ordered_json(nullptr);
    j["plugins"] = nlohmann::ordered_json::array();
    j["rule_sets"] = nlohmann::ordered_json::array();
    for (const auto& p : inst.registry().plugins())
        if (p.loaded) j["plugins"].push_back({{"id", p.id}, {"version", p.version}, {"file", p.file}, {"sha256", p.sha256}});
    for (const auto& a : inst.areas()) {
        if (!a.rules) continue;
        j["rule_sets"].push_back({{"area", a.rules->area}, {"version", a.rules->version}, {"file", a.file}, {"sha256", a.sha256}});
    }
    return j.dump(2) + "\n";
}

}  // namespace dxassess::host
