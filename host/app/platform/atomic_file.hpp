// Writing output files so that a reader never sees a half-written one.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dxassess::host {

/// Who may read a file written here: everyone (reports) or only its owner (private keys). An
/// owner-only file is never readable by others, not even while it is being written.
enum class FileAccess { shared, owner_only };

/// Writes several files so that none is ever half-written: each is written in full to a temporary
/// file beside its target (".<name>.tmp-<pid>-XXXXXX") and flushed; only when all are written are
/// they renamed into place.
/// If anything fails before commit(), every temporary file is removed and no target is touched.
class AtomicBatch {
public:
    AtomicBatch() = default;
    AtomicBatch(const AtomicBatch&) = delete;
    AtomicBatch& operator=(const AtomicBatch&) = delete;
    ~AtomicBatch();

    /// Writes `content` to a temporary file for `path`.
    void add(const std::string& path, const std::string& content, FileAccess access = FileAccess::shared);
    /// For writers that need a file name (e.g. libxlsxwriter): `write(temp_path)` creates the file.
    template <class F>
    void add_with(const std::string& path, F&& write) {
        const std::string temp = reserve(path);
        write(temp);
        finish(temp, path, FileAccess::shared);
    }
    /// Renames every temporary file over its target. Throws std::runtime_error naming the file.
    void commit();

private:
    std::string reserve(const std::string& path);
    void finish(const std::string& temp, const std::string& path, FileAccess access);
    std::vector<std::pair<std::string, std::string>> pending_;  // temp -> target
    std::vector<std::string> temps_;                             // every temp created, for cleanup
    std::vector<std::string> cleaned_;                           // directories already rid of stale temps
};

/// Removes the temporary files that a writer killed mid-write (power cut, kill -9) left in the
/// directory of `path`: ours by name, owned by this user, and whose writing process has ended.
/// Every AtomicBatch does this once per directory before it writes there.
void remove_stale_temporaries(const std::string& path);

/// Writes `content` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`. On any failure the temporary file is removed, `path` is untouched, and
/// std::runtime_error names the file and the reason.
void write_file_atomically(const std::string& path, const std::string& content, FileAccess access = FileAccess::shared);

}  // namespace dxassess::host
