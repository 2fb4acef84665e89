// The options every command shares: language, where the installation is, and how plugins run.
#pragma once

#include "assessment/installation.hpp"
#include "assessment/search_paths.hpp"

#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct GlobalOptions {
    engine::Lang lang = engine::Lang::ja;
    std::vector<std::string> plugin_dirs;
    std::vector<std::string> rules_dirs;
    std::string lock_file;    // --lock-file: refuse plugins and rule sets whose digest differs
    RunPolicy run;            // --isolate, --plugin-timeout
    bool verbose = false;
};

/// The search paths these options name (resolve_search_paths with --plugin-dir, --rules-dir, --lock-file).
inline SearchPaths search_paths(const GlobalOptions& g) { return resolve_search_paths(g.plugin_dirs, g.rules_dirs, g.lock_file); }

}  // namespace dxassess::host
