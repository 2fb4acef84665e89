// Listing files: what a directory holds, in a stable order.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace dxassess::host {

/// The regular files in `dir` (and its subdirectories when `recursive`) that `wanted` accepts, in
/// name order; none when `dir` is not a directory.
std::vector<std::string> files_in(const std::string& dir, const std::function<bool(const std::string&)>& wanted, bool recursive = false);

/// Each path that is a directory becomes files_in(path, wanted, recursive); other paths stay as given.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, const std::function<bool(const std::string&)>& wanted,
                                      bool recursive = false);

/// Whether a file ends with `suffix` (e.g. ".toml").
bool has_suffix(const std::string& path, const std::string& suffix);

}  // namespace dxassess::host
