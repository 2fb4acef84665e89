// The office does not take a report's figures on trust: it scores the answers the report carries
// again, with the official rule sets and reference data, and compares.
#pragma once

#include "assessment/installation.hpp"
#include "office/report_intake.hpp"

#include "dxassess/engine/answers.hpp"

#include <optional>

namespace dxassess::host {

/// Re-scores `report` from its answers. Rejects it as `identity_mismatch` when who the report says
/// it is about (code, name, fiscal year, prefecture, population, staff, 類似団体区分) differs from its
/// answers' profile, `bad_answers` when the answers do not read, and `figures_mismatch`, naming the
/// first area and figure, when any area's status, level, score, completeness or findings, or the
/// overall figures, differ. `installation` is the official one; `policy.explain` may be false.
std::optional<Rejection> check_figures(const Installation& installation, const engine::AnswerSchema& schema, const RunPolicy& policy,
                                       const NewReport& report, const std::string& path);

}  // namespace dxassess::host
