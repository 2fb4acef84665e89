// `dxassess rules check [FILES...]`: load each rule set (with its plugin's facts and functions)
// and the model, and report every error with its file, line and column.
#include "cli/commands.hpp"
#include "dxassess/engine/file_path.hpp"

#include "cli/command_support.hpp"
#include "support/exit_codes.hpp"
#include "support/files.hpp"
#include "assessment/installation.hpp"

#include <filesystem>
#include <iostream>
#include <algorithm>
#include <optional>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Lang;

int run_rules_check(const GlobalOptions& g, const std::vector<std::string>& files_opt) {
    const Lang lang = g.lang;
    const SearchPaths paths = search_paths(g);
    std::vector<std::string> files = files_opt;
    if (files.empty()) {
        for (const auto& dir : paths.rules_dirs) {
            const auto found = files_in(dir, [](const std::string& f) { return has_suffix(f, ".toml") && !is_rule_test_file(f); });
            files.insert(files.end(), found.begin(), found.end());
        }
    }
    ChildLimits limits = g.run.limits;
    if (!paths.plugin_user.empty()) limits.run_as_user = paths.plugin_user;
    std::vector<OfficialPlugin> official;
    try {
        official = load_official_plugins(paths.official_manifest);
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
    PluginRegistry registry(std::move(official), limits);
    registry.discover(paths.plugin_dirs);
    int failed = 0;
    // Rule sets name reference figures (ref.<id>): check them against the first reference file given,
    // else the one the installation would use (the first in the rules directories).
    std::optional<engine::ReferenceData> reference;
    std::string reference_file = find_reference_file(paths);
    for (const auto& file : files_opt)
        if (engine::file_path(file).filename() == "reference.toml") {
            reference_file = file;
            break;
        }
    if (!reference_file.empty()) {
        try {
            reference = engine::load_reference_data(reference_file);
        } catch (const engine::InputError&) {
            // reported below with the file itself (or, when it is not in the list, here)
            if (std::find(files.begin(), files.end(), reference_file) == files.end()) files.insert(files.begin(), reference_file);
        }
    }
    for (const auto& file : files) {
        try {
            if (engine::file_path(file).filename() == "reference.toml") {
                // The one already loaded is not parsed again; any other is checked on its own.
                const auto data = reference && file == reference_file ? *reference : engine::load_reference_data(file);
                std::cout << "OK " << file << " (reference " << data.version << ": " << data.figures.size()
                          << tr(lang, " 件の参照値)", " figures)") << "\n";
                continue;
            }
            if (engine::file_path(file).filename() == "model.toml") {
                const auto m = engine::load_model(file);
                std::cout << "OK " << file << " (model " << m.version << ")\n";
                continue;
            }
            const engine::RuleSetHeader header = engine::peek_rule_set(file);
            const std::string& area = header.area;
            const PluginRecord* plugin = registry.for_area(area);
            if (!plugin && !header.plugin.empty())  // a rule set scored by the generic plugin names it
                for (const auto& p : registry.plugins())
                    if (p.loaded && p.id == header.plugin) plugin = &p;
            if (!plugin)
                std::cerr << file << ": "
                          << tr(lang, "警告: 領域 '" + area + "' のプラグインがないため、派生事実と関数は未定義として検査します",
                                "warning: no plugin for area '" + area + "'; its facts and functions count as unknown")
                          << "\n";
            const auto rs = engine::load_rule_set(file, plugin ? plugin->symbols : engine::PluginSymbols{}, "",
                                                  reference ? &*reference : nullptr);
            std::cout << "OK " << file << " (" << rs.area << " " << rs.version << ": " << rs.questions.size()
                      << tr(lang, " 問, ", " questions, ") << rs.levels.size() << tr(lang, " レベル, ", " levels, ")
                      << rs.checks.size() << tr(lang, " チェック)", " checks)") << "\n";
        } catch (const engine::InputError& e) {
            std::cerr << e.format(lang) << "\n";
            ++failed;
        }
    }
    if (files.empty()) {
        std::cerr << tr(lang, "検査するルールファイルがありません", "no rule files to check") << "\n";
        return exit_input;
    }
    if (failed) return exit_input;
    // The rules are sound, but a refused plugin (named on stderr as it was refused) leaves its rule set
    // checked without its facts and functions: not a clean pass.
    return registry.any_refused() ? exit_area_missing : exit_ok;
}

}  // namespace dxassess::host
