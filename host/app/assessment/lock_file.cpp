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
    // A lock file decides what may run: one that another user could have changed pins nothing.
    if (auto why = untrusted_file(path)) throw engine::InputError(engine::Location{path}, *why);
    const nlohmann::ordered_json j = load_json_file(path);
    const auto bad = [&](const std::string& what) {
        return engine::InputError(engine::Location{path}, Text{"ロックファイルとして読めません: " + what, "not a dxassess lock file: " + what});
    };
    if (!j.is_object() || j.value("dxassess_lock", 0) != lock_format) throw bad("dxassess_lock must be " + std::to_string(lock_format));
    LockFile lock;
    lock.path = path;
    try {
        for (const auto& p : j.at("plugins")) lock.plugins[p.at("id").get<std::string>()] = p.at("sha256").get<std::string>();
        for (const auto& r : j.at("rule_sets")) lock.rule_sets[r.at("area").get<std::string>()] = r.at("sha256").get<std::string>();
        lock.model = j.at("model").at("sha256").get<std::string>();
        if (j.contains("reference"))  // lock files written before the reference data have none: not checked
            lock.reference = j["reference"].is_null() ? std::string() : j["reference"].at("sha256").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw bad(e.what());
    }
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
