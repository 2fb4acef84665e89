// POSIX implementation of platform/os.hpp.
#include "platform/os.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <pwd.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

extern char** environ;

namespace dxassess::host {

std::vector<std::string> utf8_arguments(int argc, char** argv) { return {argv, argv + argc}; }

void prepare_console() {}

std::FILE* open_file(const std::string& path, const char* mode) { return std::fopen(path.c_str(), mode); }

std::string path_for_c_library(const std::string& path) { return path; }

bool open_with_default_application(const std::string& path) {
    const char* argv[] = {"xdg-open", path.c_str(), nullptr};
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const int rc = ::posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0;  // not waited for: the desktop keeps the viewer running
}

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

std::optional<TrustProblem> trust_problem(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path real = fs::canonical(path, ec);
    if (ec) return std::nullopt;
    const uid_t me = ::geteuid();
    for (fs::path p = real;; p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) != 0) return std::nullopt;
        TrustProblem problem{p.string(), {}, {}, false, {}};
        if (st.st_uid != 0 && st.st_uid != me) {
            // getpwuid_r: rule sets are checked on several threads at start-up.
            passwd entry{};
            passwd* pw = nullptr;
            char buffer[4096];
            ::getpwuid_r(st.st_uid, &entry, buffer, sizeof buffer, &pw);
            problem.owner = pw ? pw->pw_name : "uid " + std::to_string(st.st_uid);
        }
        const bool sticky_dir = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX);
        problem.writable = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 && !sticky_dir;
        if (!problem.owner.empty()) problem.fix = "chown root " + problem.path;
        else if (problem.writable) problem.fix = "chmod go-w " + problem.path;
        if (!problem.owner.empty() || problem.writable) return problem;
        if (p == p.root_path() || p.parent_path() == p) return std::nullopt;
    }
}

HeldFile::HeldFile(const std::string& path) : path_(path) {
#ifdef __linux__
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ >= 0) path_ = "/proc/self/fd/" + std::to_string(fd_);
#endif
}

HeldFile::~HeldFile() {
    if (fd_ >= 0) ::close(fd_);
}

void advise_will_read(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
}

}  // namespace dxassess::host
