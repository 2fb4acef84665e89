// Why an area of a JSON report got its level (`dxassess explain`).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// Every criterion of every level of one area of a report, its outcome, its condition and the
/// answers that decided it, with each level's source and caveat and the dated national figures
/// (`reference_figures` of the report) its conditions compare with; in Japanese or (`english`) English.
std::string explain_area(const nlohmann::ordered_json& area, const nlohmann::ordered_json& reference_figures, bool english);

}  // namespace dxassess::host
