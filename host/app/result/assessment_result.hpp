// What one assessment produced: every area's result, the overall index, the answers it rests on and
// which plugin and rule set scored each area. Produced by assessment/, read by every report form
// and by the national office's tools; it holds data only.
#pragma once

#include "plugins/plugin_record.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/scoring.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

/// The rule set of a loaded plugin, or why it could not be loaded.
struct AreaRules {
    const PluginRecord* plugin = nullptr;
    std::optional<engine::RuleSet> rules;
    std::string file;
    std::string sha256;
    engine::Text failure;
    std::string area_id;  // the area scored (a generic plugin scores areas other than its own)
    engine::Text title;   // of an area that cannot be scored, from its rule set's header (may be empty)
    const engine::ReferenceData* reference = nullptr;  // the installation's reference data, for its plugin

    const std::string& area() const { return area_id; }
};

/// The outcome of assessing one answer set.
struct Assessment {
    const engine::Model* model = nullptr;
    engine::Answers answers;
    std::vector<engine::AreaResult> areas;          // expected areas, model order first
    engine::OverallResult overall;
    std::vector<const AreaRules*> scored_by;        // plugin and rule set of each scored area
    std::string answers_sha256;                     // empty when the answers did not come from a file
    std::string answers_text;                       // the answers as given (reports carry them for re-scoring)
    std::string answers_format = "toml";            // "toml" (an answers file) or "json" (a batch line)
    std::string model_sha256;
    const engine::ReferenceData* reference = nullptr;  // the reference data the rules compared with (may be null)
    std::string reference_sha256;
    std::vector<engine::Action> actions;            // all findings, most urgent first

    /// The plugin and rule set that scored `area`, or nullptr.
    const AreaRules* rules_of(const std::string& area) const;
    /// Whether every expected area was scored from a complete set of required answers.
    bool complete() const;
};

}  // namespace dxassess::host
