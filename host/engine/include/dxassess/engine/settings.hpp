// The per-system settings file (/etc/dxassess/config.toml and config.d/*.toml): extra plugin and
// rules directories and the lock file, so a vendor's package can install next to ours.
#pragma once

#include <string>
#include <vector>

namespace dxassess::engine {

struct Settings {
    std::vector<std::string> plugin_dirs;  // relative paths are resolved against the file's directory
    std::vector<std::string> rules_dirs;
    std::string lock_file;
    std::string plugin_user;  // when dxassess runs as root, isolated plugins run as this user (default "nobody")
};

/// Reads one settings file and appends to `into`. Throws InputError.
void load_settings(const std::string& path, Settings& into);

}  // namespace dxassess::engine
