// Where the program finds its plugins, rules and model: relative to its own executable, so an
// installed tree can be moved, with command-line options and environment variables first.
#pragma once

#include <string>
#include <vector>

namespace dxassess::host {

struct SearchPaths {
    std::vector<std::string> plugin_dirs;  // searched in order
    std::vector<std::string> rules_dirs;   // searched in order; model.toml is taken from the first that has it
};

/// Whether a file is a rule-test file (*.test.toml) rather than a rule set.
bool is_rule_test_file(const std::string& path);

/// Directory of the running executable (/proc/self/exe).
std::string executable_dir();

/// Builds the search paths: `--plugin-dir` / `--rules-dir` options, then DXASSESS_PLUGIN_PATH /
/// DXASSESS_RULES_PATH (colon-separated), then <exe>/../lib/dxassess/plugins and
/// <exe>/../share/dxassess/rules.
SearchPaths resolve_search_paths(const std::vector<std::string>& plugin_dirs_opt,
                                 const std::vector<std::string>& rules_dirs_opt);

}  // namespace dxassess::host
