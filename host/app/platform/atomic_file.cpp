// The part of platform/atomic_file.hpp that is the same on every system: committing a batch.
#include "platform/atomic_file.hpp"
#include "platform/atomic_file_os.hpp"

#include "dxassess/engine/file_path.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

namespace dxassess::host {

void AtomicBatch::commit() {
    // Refuse before replacing anything when a target cannot be replaced, so the set stays consistent.
    for (const auto& [temp, target] : pending_) {
        std::error_code ec;
        if (std::filesystem::is_directory(std::filesystem::symlink_status(engine::file_path(target), ec)))
            throw std::runtime_error(target + ": rename failed: a directory is in the way");
    }
    // A renamed temp is no longer ours to remove; forget those in one pass at the end (erasing each
    // from temps_ as it went made a batch of n files cost n² string compares).
    std::size_t renamed = 0;
    const auto forget_renamed = [&] {
        std::unordered_set<std::string_view> gone;
        for (std::size_t k = 0; k < renamed; ++k) gone.insert(pending_[k].first);
        std::erase_if(temps_, [&](const std::string& t) { return gone.count(t) != 0; });
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(renamed));
    };
    try {
        for (; renamed < pending_.size(); ++renamed) replace_file(pending_[renamed].first, pending_[renamed].second);
    } catch (...) {
        forget_renamed();
        throw;
    }
    forget_renamed();
}

void write_file_atomically(const std::string& path, const std::string& content, FileAccess access) {
    AtomicBatch batch;
    batch.add(path, content, access);
    batch.commit();
}

}  // namespace dxassess::host
