// Where the program finds its plugins, rules and model: relative to its own executable, so an
// installed tree can be moved, with command-line options, environment variables and the per-system
// settings file (/etc/dxassess/config.toml and config.d/*.toml) adding directories before it.
#pragma once

#include <string>
#include <vector>

namespace dxassess::host {

struct SearchPaths {
    std::vector<std::string> plugin_dirs;  // searched in order
    std::vector<std::string> rules_dirs;   // searched in order; model.toml is taken from the first that has it
    std::vector<std::string> rule_files;   // rule sets taken before any in rules_dirs (`dxassess test` names the one under test)
    std::string official_manifest;         // digests of the official plugins (lib/dxassess/official-plugins.json)
    std::string lock_file;                 // pinned digests (dxassess plugins --lock); empty = none
    std::string plugin_user;               // settings' plugin_user: whom isolated plugins run as under root; empty = default
};

/// Whether a file is a rule-test file (*.test.toml) rather than a rule set.
bool is_rule_test_file(const std::string& path);

/// Directory of the running executable ("." when the system cannot tell).
std::string executable_dir();

/// Builds the search paths, in this order: `--plugin-dir` / `--rules-dir` options;
/// DXASSESS_PLUGIN_PATH / DXASSESS_RULES_PATH (colon-separated); the settings files
/// ($DXASSESS_CONFIG, default /etc/dxassess/config.toml, then config.d/*.toml beside it);
/// <exe>/../lib/dxassess/plugins and <exe>/../share/dxassess/rules. The lock file comes from
/// `lock_opt`, else DXASSESS_LOCK_FILE, else the settings. Throws engine::InputError for a bad settings
/// file, or one (or config.d) that another user could have changed.
SearchPaths resolve_search_paths(const std::vector<std::string>& plugin_dirs_opt,
                                 const std::vector<std::string>& rules_dirs_opt, const std::string& lock_opt = "");

}  // namespace dxassess::host
