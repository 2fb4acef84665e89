// One plugin's work on one area: the host services table a plugin calls, derived facts it
// publishes, diagnostics it reports, and calls of its rule functions.
#pragma once

#include "plugins/plugin_registry.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/scoring.hpp"

#include <map>
#include <string>
#include <vector>

struct dxa_context;

namespace dxassess::host {

/// The services table handed to every plugin (static, append-only).
const dxa_host_api* host_api();

class PluginSession {
public:
    /// `reference` (may be null) is the installation's reference data, offered through the reference service.
    PluginSession(const PluginRecord& plugin, const engine::AnswerNode* answers, engine::Date as_of,
                  const engine::ReferenceData* reference = nullptr, const engine::Profile* profile = nullptr);
    ~PluginSession();
    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    /// Runs the plugin's derive callback. False when it failed; failure() says why.
    bool derive();
    /// Calls a rule function of the plugin; unknown (and a diagnostic) on failure.
    engine::Value call(const std::string& function, const std::vector<engine::Value>& args);

    const std::map<std::string, engine::Value>& facts() const { return facts_; }
    const std::vector<engine::PluginDiagnostic>& diagnostics() const { return diagnostics_; }
    /// The facts and diagnostics, moved out once the session's work is done (no copy per area).
    std::map<std::string, engine::Value> take_facts() { return std::move(facts_); }
    std::vector<engine::PluginDiagnostic> take_diagnostics() { return std::move(diagnostics_); }
    const engine::Text& failure() const { return failure_; }

    // Used by the services table.
    const engine::AnswerNode* answers() const { return answers_; }
    engine::Date as_of() const { return as_of_; }
    const engine::ReferenceData* reference() const { return reference_; }
    const engine::Profile* profile() const { return profile_; }
    const PluginRecord& plugin() const { return plugin_; }
    dxa_status publish(const char* fact, const dxa_value* value);
    void diagnose(dxa_severity severity, const char* key, const char* ja, const char* en);

private:
    const PluginRecord& plugin_;
    const engine::AnswerNode* answers_;
    engine::Date as_of_;
    const engine::ReferenceData* reference_;
    const engine::Profile* profile_;
    std::map<std::string, engine::Value> facts_;
    std::vector<engine::PluginDiagnostic> diagnostics_;
    engine::Text failure_;
    dxa_context* ctx_;
};

/// "DXA_ERR_TYPE" etc.
const char* status_name(dxa_status s);

}  // namespace dxassess::host
