// Small questions to the operating system, one function each, so that callers stay portable and a
// Windows implementation (os_windows.cpp) can be added beside os_posix.cpp without touching them.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace dxassess::host {

/// Full path of the running executable; "" when the system cannot tell.
std::string executable_path();

/// The separator of path lists in environment variables (':' on POSIX, ';' on Windows).
char path_list_separator();

enum class StandardStream { output, error };
/// Whether the stream is a terminal (colours and progress lines only go to one).
bool is_terminal(StandardStream stream);

/// The calendar time `t` in the local time zone, and in UTC.
std::tm local_time(std::time_t t);
std::tm utc_time(std::time_t t);

/// Why another local user could change what `path` holds, if they could.
struct TrustProblem {
    std::string path;       // the file or directory at fault, symlinks resolved
    std::string owner;      // set when it belongs to a user other than root and the current user
    bool writable = false;  // set when group or others may write to it
};

/// Checks `path` (symlinks resolved) and every directory above it up to the root: each must belong
/// to root or the current user and not be writable by group or others. A directory with the sticky
/// bit (such as /tmp) may be writable by all: no one can replace another's entry in it. Nothing
/// when `path` does not exist (reading it then says why).
std::optional<TrustProblem> trust_problem(const std::string& path);

/// A file held open, so that a child process that gave up its privileges can still read it, whatever
/// the permissions of the directories above it: path() names it through the open descriptor
/// (/proc/self/fd/N on Linux; the path itself elsewhere). Forked children inherit it.
class HeldFile {
public:
    explicit HeldFile(const std::string& path);
    ~HeldFile();
    HeldFile(const HeldFile&) = delete;
    HeldFile& operator=(const HeldFile&) = delete;
    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

/// Hints that `path` will be read soon, so the system starts reading it from the disk now.
/// Does nothing when the file cannot be opened (reading it later says what is wrong).
void advise_will_read(const std::string& path);

}  // namespace dxassess::host
