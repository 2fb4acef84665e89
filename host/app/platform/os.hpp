// Small questions to the operating system, one function each, so that callers stay portable:
// os_posix.cpp and os_windows.cpp implement them.
#pragma once

#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

/// The program's arguments in UTF-8: on Windows read again from the UTF-16 command line (main()'s
/// argv is in the ANSI code page there); elsewhere argv as it is.
std::vector<std::string> utf8_arguments(int argc, char** argv);

/// Makes the console show UTF-8 output as text (Windows' cmd.exe and PowerShell); nothing elsewhere.
void prepare_console();

/// Opens a file whose name is UTF-8, as std::fopen does (Windows: _wfopen); nullptr on failure.
std::FILE* open_file(const std::string& path, const char* mode);

/// The name by which a C library that opens files with fopen() (libxlsxwriter) reaches `path`, an
/// existing file: the path itself on POSIX; on Windows the path in the ANSI code page, or, where it
/// cannot be written in that code page, its short (8.3) name.
std::string path_for_c_library(const std::string& path);

/// Opens `path` with the program the user's desktop associates with it (Windows: ShellExecute; elsewhere
/// xdg-open, without waiting). Whether it could be started.
bool open_with_default_application(const std::string& path);

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
    std::string owner;      // set when it belongs to someone other than the system and the current user
    std::string writer;     // set when someone else may write to it: "" POSIX group or others; a Windows account
    bool writable = false;  // set when someone else may write to it
    std::string fix;        // a command that removes the problem
};

/// Checks `path` (symlinks resolved) and every directory above it up to the root: each must belong
/// to the system (root; on Windows SYSTEM, Administrators or TrustedInstaller) or the current user,
/// and no one else may write to it (POSIX: group and others; Windows: any other account the access
/// list lets change it). A directory with the sticky bit (such as /tmp), or on Windows one others
/// may only add folders to (such as C:\), may be writable by all: no one can replace another's
/// entry in it. Nothing when `path` does not exist (reading it then says why).
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
