#include "support/files.hpp"
#include "dxassess/engine/file_path.hpp"

#include <algorithm>
#include <filesystem>

namespace dxassess::host {
namespace fs = std::filesystem;

bool has_suffix(const std::string& path, const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> files_in(const std::string& dir, const std::function<bool(const std::string&)>& wanted, bool recursive) {
    std::vector<std::string> files;
    std::error_code ec;
    if (!fs::is_directory(engine::file_path(dir), ec)) return files;
    const auto take = [&](const fs::directory_entry& e) {
        if (e.is_regular_file(ec) && wanted(e.path().string())) files.push_back(e.path().string());
    };
    if (recursive)
        for (const auto& e : fs::recursive_directory_iterator(engine::file_path(dir), ec)) take(e);
    else
        for (const auto& e : fs::directory_iterator(engine::file_path(dir), ec)) take(e);
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths, const std::function<bool(const std::string&)>& wanted,
                                      bool recursive) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            const auto found = files_in(p, wanted, recursive);
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.push_back(p);  // a missing file is reported when it is read
        }
    }
    return out;
}

}  // namespace dxassess::host
