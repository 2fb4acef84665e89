// POSIX implementation of platform/atomic_file.hpp: mkstemp, fsync, rename; kill(pid, 0) to tell
// a stale temporary file (its writer is gone) from one being written.
#include "platform/atomic_file.hpp"
#include "platform/atomic_file_os.hpp"
#include "platform/temporary_names.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace dxassess::host {

namespace {

void fsync_path(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error(path + ": cannot reopen the temporary file: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) throw std::runtime_error(path + ": fsync failed: " + std::strerror(err));
}

}  // namespace

void remove_stale_temporaries(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (fs::directory_iterator it(directory_of(path), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const auto pid = static_cast<pid_t>(writer_of(name));
        if (pid <= 0 || pid == ::getpid()) continue;
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // its writer may still be at work
        ::unlink(it->path().c_str());
    }
}

AtomicBatch::~AtomicBatch() {
    for (const auto& t : temps_) ::unlink(t.c_str());
}

std::string AtomicBatch::reserve(const std::string& path) {
    // What a killed writer left in this directory goes first (once per directory and batch).
    const std::string dir = directory_of(path).string();
    if (std::find(cleaned_.begin(), cleaned_.end(), dir) == cleaned_.end()) {
        remove_stale_temporaries(path);
        cleaned_.push_back(dir);
    }
    std::string tmpl = temporary_name(path, static_cast<std::uint64_t>(::getpid()), "XXXXXX");
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

void replace_file(const std::string& temp, const std::string& target) {
    if (::rename(temp.c_str(), target.c_str()) != 0) throw std::runtime_error(target + ": rename failed: " + std::strerror(errno));
}

}  // namespace dxassess::host
