#include "platform/temporary_names.hpp"

#include "dxassess/engine/file_path.hpp"

namespace dxassess::host {

std::filesystem::path directory_of(const std::string& path) {
    const std::filesystem::path target = engine::file_path(path);
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

std::string temporary_name(const std::string& path, std::uint64_t pid, const std::string& suffix) {
    const std::string name = engine::path_text(engine::file_path(path).filename());
    return engine::path_text(directory_of(path) / engine::file_path("." + name + ".tmp-" + std::to_string(pid) + "-" + suffix));
}

std::uint64_t writer_of(const std::string& name) {
    if (name.size() < 2 || name[0] != '.') return 0;
    const auto tag = name.rfind(".tmp-");
    if (tag == std::string::npos) return 0;
    const auto dash = name.find('-', tag + 5);
    if (dash == std::string::npos || dash == tag + 5 || name.size() - dash != 7) return 0;
    std::uint64_t pid = 0;
    for (auto i = tag + 5; i < dash; ++i) {
        if (name[i] < '0' || name[i] > '9' || pid > 100000000) return 0;
        pid = pid * 10 + static_cast<std::uint64_t>(name[i] - '0');
    }
    return pid;
}

}  // namespace dxassess::host
