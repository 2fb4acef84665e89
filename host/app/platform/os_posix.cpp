// POSIX implementation of platform/os.hpp.
#include "platform/os.hpp"

#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace dxassess::host {

std::string executable_path() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.string();
}

char path_list_separator() { return ':'; }

bool is_terminal(StandardStream stream) { return ::isatty(stream == StandardStream::output ? STDOUT_FILENO : STDERR_FILENO) != 0; }

std::tm local_time(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

std::tm utc_time(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

bool writable_by_others(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
}

void advise_will_read(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
}

}  // namespace dxassess::host
