#include "plugins/file_trust.hpp"

#include "platform/os.hpp"

namespace dxassess::host {

std::optional<engine::Text> untrusted_file(const std::string& file) {
    const auto problem = trust_problem(file);
    if (!problem) return std::nullopt;
    const std::string& p = problem->path;
    const std::string of = p == file ? std::string() : "（" + file + " の確認で）";
    const std::string of_en = p == file ? std::string() : " (checked for " + file + ")";
    if (!problem->owner.empty())
        return engine::Text{p + of + " の所有者が root でも実行中のユーザーでもない " + problem->owner +
                                " のため信頼できません。`chown root " + p + "` で直してください",
                            p + of_en + " belongs to " + problem->owner +
                                ", neither root nor the user running dxassess, so it cannot be trusted; fix it with `chown root " + p + "`"};
    return engine::Text{p + of + " はグループまたは他のユーザーが書き込めるため信頼できません。`chmod go-w " + p + "` で直してください",
                        p + of_en + " is writable by group or others, so it cannot be trusted; fix it with `chmod go-w " + p + "`"};
}

}  // namespace dxassess::host
