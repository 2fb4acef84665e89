// The part of platform/atomic_file.hpp that is the same on every system: committing a batch.
#include "platform/atomic_file.hpp"
#include "platform/atomic_file_os.hpp"

#include "dxassess/engine/file_path.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace dxassess::host {

void AtomicBatch::commit() {
    // Refuse before replacing anything when a target cannot be replaced, so the set stays consistent.
    for (const auto& [temp, target] : pending_) {
        std::error_code ec;
        if (std::filesystem::is_directory(std::filesystem::symlink_status(engine::file_path(target), ec)))
            throw std::runtime_error(target + ": rename failed: a directory is in the way");
    }
    for (const auto& [temp, target] : pending_) {
        replace_file(temp, target);
        temps_.erase(std::find(temps_.begin(), temps_.end(), temp));
    }
    pending_.clear();
}

void write_file_atomically(const std::string& path, const std::string& content, FileAccess access) {
    AtomicBatch batch;
    batch.add(path, content, access);
    batch.commit();
}

}  // namespace dxassess::host
