// Finds, vets and loads area plugins. Loading uses Boost.DLL (plugin_registry.cpp only).
//
// Official plugins (their digest is in the installed manifest) load in this process. Any other
// plugin is foreign: it is opened and described in a child process under limits, and this process
// keeps only the checked copy of what it says it is; it is never loaded here. A plugin that is
// refused is kept in the list with the reason, so `dxassess plugins` and the reports can name it.
#pragma once

#include "platform/child_process.hpp"
#include "plugins/official_plugins.hpp"
#include "plugins/plugin_record.hpp"

#include "dxassess/engine/text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

class PluginRegistry {
public:
    /// `official`: the manifest of official plugins; `limits`: for the child that vets a foreign plugin.
    explicit PluginRegistry(std::vector<OfficialPlugin> official = {}, ChildLimits limits = {});
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    /// Loads every *.so in each directory (missing directories are skipped): official plugins first,
    /// then foreign ones in the order of the directories and of their names.
    void discover(const std::vector<std::string>& dirs);
    /// Loads one file; returns its record (loaded or refused).
    const PluginRecord& load(const std::string& file);
    /// Refuses a plugin that loaded (e.g. its digest differs from the lock file).
    void refuse(const std::string& file, engine::Text reason);

    const std::vector<PluginRecord>& plugins() const { return records_; }
    /// The loaded plugin that scores `area`, or nullptr.
    const PluginRecord* for_area(const std::string& area) const;
    /// Whether any plugin was refused.
    bool any_refused() const;
    /// The official plugin that `area` is reserved for, or nullptr (the generic area is reserved for none).
    const OfficialPlugin* official_for(const std::string& area) const;

private:
    const PluginRecord& load(const std::string& file, const std::string& known_sha256);
    std::optional<engine::Text> load_official(PluginRecord& r, const OfficialPlugin& entry);
    std::optional<engine::Text> vet_foreign(PluginRecord& r) const;
    std::optional<engine::Text> identity_problem(const PluginRecord& r) const;

    std::vector<OfficialPlugin> official_;
    ChildLimits limits_;
    std::vector<PluginRecord> records_;
    // Boost.DLL libraries of official plugins, type-erased; loaded until the registry (and so the host) ends.
    std::vector<std::shared_ptr<void>> libraries_;
};

/// In a child process about to run a foreign plugin: loads it from `opened` (r.file, or a HeldFile's
/// path of it), reads its descriptor and checks that it still describes itself as when it was
/// vetted, then sets `r.descriptor`. Why not, otherwise. Never call it in the host: it runs the plugin's code.
std::optional<engine::Text> open_in_child(PluginRecord& r, const std::string& opened);

/// The child task that vets a foreign plugin (platform/child_process.hpp): opens it and returns its
/// checked description as JSON, or why it is refused. Listed in main()'s serve_child_task().
inline constexpr const char* describe_task_name = "describe-plugin";
std::string describe_plugin_task(const std::string& input);

}  // namespace dxassess::host
