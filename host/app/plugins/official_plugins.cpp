#include "plugins/official_plugins.hpp"
#include "dxassess/engine/file_path.hpp"

#include "plugins/file_trust.hpp"
#include "support/json_file.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <filesystem>

namespace dxassess::host {

std::vector<OfficialPlugin> load_official_plugins(const std::string& manifest) {
    std::error_code ec;
    if (!std::filesystem::exists(engine::file_path(manifest), ec)) return {};
    if (auto why = untrusted_file(manifest)) throw engine::InputError(engine::Location{manifest}, *why);
    const nlohmann::ordered_json j = load_json_file(manifest);
    const auto bad = [&](const std::string& what) {
        return engine::InputError(engine::Location{manifest}, {"公式プラグインの一覧として読めません: " + what,
                                                               "not a list of official plugins: " + what});
    };
    if (!j.is_object() || !(j.contains("dxassess_official_plugins") && j["dxassess_official_plugins"] == 1)) throw bad("dxassess_official_plugins must be 1");
    std::vector<OfficialPlugin> out;
    try {
        for (const auto& p : j.at("plugins"))
            out.push_back({p.at("file").get<std::string>(), p.at("id").get<std::string>(), p.at("area").get<std::string>(),
                           p.at("sha256").get<std::string>()});
    } catch (const nlohmann::json::exception& e) {
        throw bad(e.what());
    }
    return out;
}

}  // namespace dxassess::host
