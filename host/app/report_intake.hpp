// What `collect` checks in a report before storing it, and the figures it takes from it.
#pragma once

#include "report_store.hpp"

#include "dxassess/engine/text.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace dxassess::host {

struct Rejection {
    std::string reason;  // stable id, counted in the summary
    engine::Text message;
};

/// Spare capacity to read a report's text with (read_text_file), so it is checked in place.
inline constexpr std::size_t report_read_spare = 64;

/// Checks a report's text (schema and version, code check digit, fiscal year, official rule-set
/// digests, answers present) and fills `out` with what is stored, or says why it is rejected.
/// `official`: area → SHA-256 of the official rule set.
std::optional<Rejection> examine_report(const std::string& text, const std::string& file,
                                        const std::map<std::string, std::string>& official, NewReport& out);

}  // namespace dxassess::host
