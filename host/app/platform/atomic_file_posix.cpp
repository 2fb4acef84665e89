// POSIX implementation of platform/atomic_file.hpp: mkstemp, fsync, rename.
#include "platform/atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace dxassess::host {

namespace {

std::string temp_template(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    return (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
}

void fsync_path(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error(path + ": cannot reopen the temporary file: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) throw std::runtime_error(path + ": fsync failed: " + std::strerror(err));
}

}  // namespace

AtomicBatch::~AtomicBatch() {
    for (const auto& t : temps_) ::unlink(t.c_str());
}

std::string AtomicBatch::reserve(const std::string& path) {
    std::string tmpl = temp_template(path);
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw std::runtime_error(path + ": cannot create a temporary file: " + std::strerror(errno));
    ::close(fd);
    temps_.push_back(tmpl);
    return tmpl;
}

void AtomicBatch::finish(const std::string& temp, const std::string& path, FileAccess access) {
    // mkstemp made the file 0600; a shared file is opened up only once it is written.
    if (access == FileAccess::shared && ::chmod(temp.c_str(), 0644) != 0) throw std::runtime_error(path + ": chmod failed: " + std::strerror(errno));
    fsync_path(temp);
    pending_.emplace_back(temp, path);
}

void AtomicBatch::add(const std::string& path, const std::string& content, FileAccess access) {
    const std::string temp = reserve(path);
    {
        const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC);
        if (fd < 0) throw std::runtime_error(path + ": cannot open the temporary file: " + std::strerror(errno));
        std::size_t done = 0;
        while (done < content.size()) {
            const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                const int err = errno;
                ::close(fd);
                throw std::runtime_error(path + ": write failed: " + std::strerror(err));
            }
            done += static_cast<std::size_t>(n);
        }
        if (::close(fd) != 0) throw std::runtime_error(path + ": close failed: " + std::strerror(errno));
    }
    finish(temp, path, access);
}

void AtomicBatch::commit() {
    // Refuse before renaming anything when a target cannot be replaced, so the set stays consistent.
    for (const auto& [temp, target] : pending_) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            throw std::runtime_error(target + ": rename failed: a directory is in the way");
    }
    for (const auto& [temp, target] : pending_) {
        if (::rename(temp.c_str(), target.c_str()) != 0)
            throw std::runtime_error(target + ": rename failed: " + std::strerror(errno));
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
