// The difference between two JSON reports of one municipality (`dxassess diff`).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// What changed from `old_report` to `new_report`: levels, scores, findings resolved and new, and
/// whether the scores are comparable (same rule-set and model versions). Also the --format json output.
nlohmann::ordered_json diff_reports(const nlohmann::ordered_json& old_report, const nlohmann::ordered_json& new_report,
                                    const std::string& old_path, const std::string& new_path);

/// The difference for people, in Japanese or (`english`) English.
std::string render_diff_text(const nlohmann::ordered_json& diff, bool english);

}  // namespace dxassess::host
