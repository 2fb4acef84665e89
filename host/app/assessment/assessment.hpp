// Runs an assessment: plugins + rule sets + answers -> per-area results and the overall index.
#pragma once

#include "assessment/installation.hpp"
#include "result/assessment_result.hpp"

#include "dxassess/engine/answers.hpp"

#include <string>

namespace dxassess::host {

/// Assesses answers already checked against installation.answer_schema().
Assessment assess(const Installation& installation, engine::Answers answers, const RunPolicy& policy = {});

/// Loads and assesses an answers file. Throws engine::InputError for invalid answers.
Assessment assess(const Installation& installation, const std::string& answers_path,
                  const RunPolicy& policy = {});

/// The child task that runs a plugin isolated from the host (platform/child_process.hpp): its input
/// names the plugin, rule and reference files and carries the profile and the area's answers; it
/// returns the plugin's facts, diagnostics and rule-function results as JSON. Listed in main()'s
/// serve_child_task().
inline constexpr const char* score_task_name = "score-area";
std::string score_plugin_task(const std::string& input);

}  // namespace dxassess::host
