// The names of AtomicBatch's temporary files, shared by its POSIX and Windows implementations:
// ".<name>.tmp-<pid>-XXXXXX" beside the target, so the writer's process id tells a stale file
// (its writer is gone) from one being written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace dxassess::host {

/// The directory a file is written in ("." for a bare name).
std::filesystem::path directory_of(const std::string& path);

/// The temporary name for `path` written by process `pid`, with `suffix` (six characters) at the end.
std::string temporary_name(const std::string& path, std::uint64_t pid, const std::string& suffix);

/// The process id in a temporary file's name, or 0 when the name is not one of ours.
std::uint64_t writer_of(const std::string& name);

}  // namespace dxassess::host
