// Runs an assessment: plugins + rule sets + answers -> per-area results and the overall index.
#pragma once

#include "paths.hpp"
#include "plugin_registry.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/scoring.hpp"

#include <memory>
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

    const std::string& area() const { return area_id; }
};

struct LockFile;

/// How plugins run. Plugins not shipped with dxassess always run in a child process with a time
/// limit; `isolate_all` (--isolate) runs every plugin that way.
struct RunPolicy {
    bool isolate_all = false;
    double timeout_seconds = 10;
    bool explain = true;  // keep the inputs of every criterion and finding (reports need them; bulk results do not)
};

/// Plugins, model and rule sets, ready to assess answers.
class Installation {
public:
    explicit Installation(const SearchPaths& paths, const RunPolicy& policy = {});

    const PluginRegistry& registry() const { return registry_; }
    const engine::Model& model() const { return model_; }
    const std::string& model_sha256() const { return model_sha256_; }
    const std::vector<AreaRules>& areas() const { return areas_; }
    /// The first `<area>.toml` in the rules directories, or "".
    std::string find_rules_file(const std::string& area) const;
    /// What answers are checked against: the loaded rule sets, plus the areas known from the model
    /// and from refused plugins (their sections are kept, unchecked).
    engine::AnswerSchema answer_schema() const;
    /// Whether answer sets may be assessed on several threads at once: every area's plugin runs in
    /// this process under `policy` and declares DXA_PLUGIN_CONCURRENT.
    bool concurrent(const RunPolicy& policy) const;

private:
    void refuse_unlocked_plugins(const LockFile& lock);
    AreaRules load_area_rules(const PluginRecord& plugin, const std::string& area, const std::string& file);
    void add_generic_areas();

    SearchPaths paths_;
    PluginRegistry registry_;
    engine::Model model_;
    std::string model_sha256_;
    std::vector<AreaRules> areas_;
};

struct Assessment {
    const engine::Model* model = nullptr;
    engine::Answers answers;
    std::vector<engine::AreaResult> areas;          // expected areas, model order first
    std::vector<std::string> not_installed;         // model areas with no plugin and no answers
    engine::OverallResult overall;
    std::vector<const AreaRules*> scored_by;        // plugin and rule set of each scored area
    std::string answers_sha256;                     // empty when the answers did not come from a file
    std::string answers_text;                       // the answers as given (reports carry them for re-scoring)
    std::string answers_format = "toml";            // "toml" (an answers file) or "json" (a batch line)
    std::string model_sha256;
    std::vector<engine::Action> actions;            // all findings, most urgent first

    const AreaRules* rules_of(const std::string& area) const;

    bool complete() const;
};

/// Assesses answers already checked against installation.answer_schema().
Assessment assess(const Installation& installation, engine::Answers answers, const RunPolicy& policy = {});

/// Loads and assesses an answers file. Throws engine::InputError for invalid answers.
Assessment assess(const Installation& installation, const std::string& answers_path, engine::Date today,
                  const RunPolicy& policy = {});

/// The first model.toml in the rules directories, or "".
std::string find_model_file(const SearchPaths& paths);

/// Today's date in local time.
engine::Date today_local();

}  // namespace dxassess::host
