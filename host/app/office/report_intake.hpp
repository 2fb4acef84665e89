// What `collect` checks in a report before storing it, and the figures it takes from it.
#pragma once

#include "office/report_store.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/text.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

struct Rejection {
    std::string reason;  // stable id, counted in the summary
    engine::Text message;
    engine::Location where;  // the place in the report file, when the problem has one (else the file alone)
};

/// Reads a report file into `file` (its text and SHA-256), with the spare bytes after the text that
/// let simdjson check it in place. Throws engine::InputError when the file cannot be read.
void read_report_file(const std::string& path, HashedFile& file);

/// What a report must meet to be stored.
struct IntakePolicy {
    std::map<std::string, std::string> official;           // area → SHA-256 of the official rule set
    std::map<std::string, std::string> official_versions;  // area → version of the official rule set
    std::string official_model;                            // SHA-256 of the official model.toml
    std::vector<std::string> model_areas;                  // every area a report must carry, model order
    std::string official_reference;                        // SHA-256 of the official reference.toml ("" = none)
    double min_completeness = 1.0;                         // every assessed area's share of required answers given
};

/// Checks a report read by read_report_file — schema and version, code check digit, fiscal year,
/// every figure within its range, answers present, the official model, rule sets (digest and
/// version) and reference data, every model area present with its rule-set entry, completeness —
/// and fills `out` with what is stored (and the figures the report claims), or says why it is
/// rejected. The figures themselves are checked by re-scoring (office/figure_check.hpp).
std::optional<Rejection> examine_report(const HashedFile& file, const std::string& path, const IntakePolicy& policy, NewReport& out);

/// The two ways examine_report reads a report, so that a test can hold them to one result: the fast
/// path (simdjson; false when it leaves the report to the checked path) and the checked path
/// (nlohmann; throws engine::InputError or nlohmann::json::exception). Each fills `out` and
/// `digests` ("rules <area> <version> <sha256>" per rule-set entry, then "model …" and "reference …").
bool read_report_fast(const HashedFile& file, NewReport& out, std::vector<std::string>& digests);
void read_report_checked(const std::string& text, const std::string& path, NewReport& out, std::vector<std::string>& digests);

}  // namespace dxassess::host
