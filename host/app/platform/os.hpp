// Small questions to the operating system, one function each, so that callers stay portable and a
// Windows implementation (os_windows.cpp) can be added beside os_posix.cpp without touching them.
#pragma once

#include <ctime>
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

/// Whether users other than the owner may write to `path` (file or directory): such a plugin could
/// be replaced by anyone. False when its permissions cannot be read (loading it then says why).
bool writable_by_others(const std::string& path);

/// Hints that `path` will be read soon, so the system starts reading it from the disk now.
/// Does nothing when the file cannot be opened (reading it later says what is wrong).
void advise_will_read(const std::string& path);

}  // namespace dxassess::host
