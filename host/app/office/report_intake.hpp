// What `collect` checks in a report before storing it, and the figures it takes from it.
#pragma once

#include "office/report_store.hpp"
#include "support/sha256.hpp"

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

/// Reads a report file into `file` (its text and SHA-256), with the spare bytes after the text that
/// let simdjson check it in place. Throws engine::InputError when the file cannot be read.
void read_report_file(const std::string& path, HashedFile& file);

/// What a report must meet to be stored.
struct IntakePolicy {
    std::map<std::string, std::string> official;  // area → SHA-256 of the official rule set
    std::string official_reference;                // SHA-256 of the official reference.toml ("" = none)
    double min_completeness = 1.0;                 // every assessed area's share of required answers given
};

/// Checks a report read by read_report_file (schema and version, code check digit, fiscal year,
/// official rule-set and reference-data digests, answers present, completeness) and fills `out` with what is stored, or
/// says why it is rejected.
std::optional<Rejection> examine_report(const HashedFile& file, const std::string& path, const IntakePolicy& policy, NewReport& out);

}  // namespace dxassess::host
