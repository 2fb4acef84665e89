// Finds, loads and vets area plugins. Loading uses Boost.DLL (plugin_registry.cpp only).
// A plugin that is refused is kept in the list with the reason, so `dxassess plugins` can show it.
#pragma once

#include "plugins/plugin_record.hpp"

#include "dxassess/engine/text.hpp"

#include <memory>
#include <string>
#include <vector>

namespace dxassess::host {

class PluginRegistry {
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    /// Loads every *.so in each directory (sorted by name; missing directories are skipped). Plugins
    /// from `shipped_dir` count as shipped with dxassess.
    void discover(const std::vector<std::string>& dirs, const std::string& shipped_dir = "");
    /// Loads one file; returns its record (loaded or refused).
    const PluginRecord& load(const std::string& file, bool shipped = false);
    /// Before loading a plugin into the host, first load it in a child process with this time limit
    /// (0 = never): a plugin that crashes or hangs while loading is refused. `all` probes shipped plugins too.
    void set_probe(double timeout_seconds, bool all) {
        probe_timeout_ = timeout_seconds;
        probe_all_ = all;
    }
    /// Refuses a plugin that loaded (e.g. its digest differs from the lock file).
    void refuse(const std::string& file, engine::Text reason);

    const std::vector<PluginRecord>& plugins() const { return records_; }
    /// The loaded plugin that scores `area`, or nullptr.
    const PluginRecord* for_area(const std::string& area) const;

private:
    std::vector<PluginRecord> records_;
    double probe_timeout_ = 0;
    bool probe_all_ = false;
    // Boost.DLL libraries, type-erased; they stay loaded until the registry (and so the host) ends.
    std::vector<std::shared_ptr<void>> libraries_;
};

}  // namespace dxassess::host
