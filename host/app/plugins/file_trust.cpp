#include "plugins/file_trust.hpp"

#include "platform/os.hpp"

namespace dxassess::host {

std::optional<engine::Text> untrusted_file(const std::string& file) {
    const auto problem = trust_problem(file);
    if (!problem) return std::nullopt;
    const std::string& p = problem->path;
    const std::string of = p == file ? std::string() : "（" + file + " の確認で）";
    const std::string of_en = p == file ? std::string() : " (checked for " + file + ")";
    const std::string& fix = problem->fix;
    if (!problem->owner.empty())
        return engine::Text{p + of + " の所有者がシステムでも実行中のユーザーでもない " + problem->owner +
                                " のため信頼できません。`" + fix + "` で直してください",
                            p + of_en + " belongs to " + problem->owner +
                                ", neither the system nor the user running dxassess, so it cannot be trusted; fix it with `" + fix + "`"};
    if (!problem->writer.empty())
        return engine::Text{p + of + " は " + problem->writer + " が書き込めるため信頼できません。`" + fix + "` で直してください",
                            p + of_en + " is writable by " + problem->writer + ", so it cannot be trusted; fix it with `" + fix + "`"};
    return engine::Text{p + of + " はグループまたは他のユーザーが書き込めるため信頼できません。`" + fix + "` で直してください",
                        p + of_en + " is writable by group or others, so it cannot be trusted; fix it with `" + fix + "`"};
}

}  // namespace dxassess::host
