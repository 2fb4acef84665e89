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

}  // namespace dxassess::host
