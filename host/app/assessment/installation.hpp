// An installation: the plugins, model and rule sets found on the search paths, vetted against the
// lock file, and the policy by which plugins run.
#pragma once

#include "assessment/search_paths.hpp"
#include "plugins/plugin_registry.hpp"
#include "result/assessment_result.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/reference.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

struct LockFile;

/// How plugins run. Foreign plugins always run in a child process under `limits`; `isolate_all`
/// (--isolate) runs official plugins that way too.
struct RunPolicy {
    bool isolate_all = false;
    ChildLimits limits{10, std::uint64_t{1024} * 1024 * 1024, "nobody", 64 * 1024};  // --plugin-timeout, --plugin-memory, plugin_user
    // Reports need the inputs of every criterion and finding, and the ranked actions; bulk results
    // (batch lines, collect's comparison, rescore's figures) need neither, so they are not computed.
    bool explain = true;
};

/// Whether an area's plugin runs in this process under `policy`: official plugins do unless
/// --isolate; foreign ones always run in a child process.
bool runs_in_process(const AreaRules& area, const RunPolicy& policy);

/// Why a rule set could not be loaded, for its area's failure: "the rule file has errors:" and each error.
engine::Text rule_file_errors(const engine::InputError& e);

/// Plugins, model and rule sets, ready to assess answers.
class Installation {
public:
    explicit Installation(const SearchPaths& paths, const RunPolicy& policy = {});

    const PluginRegistry& registry() const { return *registry_; }
    const engine::Model& model() const { return model_; }
    /// The limits of a plugin's child process: the policy's, with the settings' plugin_user.
    const ChildLimits& child_limits() const { return limits_; }
    const std::string& model_sha256() const { return model_sha256_; }
    /// The reference data (reference.toml in the rules directories), or nullptr when there is none.
    const engine::ReferenceData* reference() const { return reference_.get(); }
    const std::string& reference_sha256() const { return reference_sha256_; }
    const std::vector<AreaRules>& areas() const { return areas_; }
    /// The loaded rule sets in report order: the model's areas first, then any other area a plugin brings.
    std::vector<const engine::RuleSet*> rule_sets_in_order() const;
    /// The rule set of `area`: one of SearchPaths::rule_files, else the first `<area>.toml` in the rules directories, or "".
    std::string find_rules_file(const std::string& area) const;
    /// What answers are checked against: the loaded rule sets, plus the areas known from the model,
    /// from rule sets without a plugin and from refused plugins (their sections are kept, unchecked).
    engine::AnswerSchema answer_schema() const;
    /// Whether answer sets may be assessed on several threads at once: every area's plugin runs in
    /// this process under `policy` and declares DXA_PLUGIN_CONCURRENT.
    bool concurrent(const RunPolicy& policy) const;

private:
    void refuse_unlocked_plugins(const LockFile& lock);
    /// Reads, checks and compiles one rule set; safe to call on several threads at once.
    AreaRules load_area_rules(const PluginRecord& plugin, const std::string& area, const std::string& file) const;
    void read_rule_headers();
    struct RuleSetToLoad {
        const PluginRecord* plugin;
        std::string area, file;
    };
    /// Adds the rule sets that name a generic plugin and whose area no plugin of its own scores.
    void add_generic_areas(std::vector<RuleSetToLoad>& to_load) const;
    void add_unserved_areas(const LockFile* lock);
    engine::Text why_unserved(const std::string& area, const std::string& plugin_id) const;

    SearchPaths paths_;
    ChildLimits limits_;
    std::optional<PluginRegistry> registry_;  // made once the official manifest is read
    engine::Model model_;
    std::string model_sha256_;
    std::shared_ptr<const engine::ReferenceData> reference_;  // on the heap: AreaRules point to it
    std::string reference_sha256_;
    std::vector<AreaRules> areas_;
    struct RuleFileHeader {
        std::string file;
        engine::RuleSetHeader header;
    };
    std::vector<RuleFileHeader> rule_headers_;  // SearchPaths::rule_files, then every rule file in the rules directories
};

/// The first model.toml in the rules directories, or "".
std::string find_model_file(const SearchPaths& paths);
/// The first reference.toml in the rules directories, or "".
std::string find_reference_file(const SearchPaths& paths);

/// Reads a model, reference or rule file once, into `into`: what is parsed is what its digest, which
/// reports carry and lock files are checked against, was taken of, even if the file changes meanwhile.
/// Throws engine::InputError naming the file.
void read_data_file(const std::string& file, HashedFile& into);

}  // namespace dxassess::host
