// Report writers. JSON is the standardized unit the national office collects
// (docs/report.schema.json); Markdown is for people.
#pragma once

#include "assessment.hpp"

#include "dxassess/engine/benchmark.hpp"
#include "dxassess/engine/text.hpp"

#include <string>

namespace dxassess::host {

/// Version of the JSON report format; bump the minor for added fields, the major for changes.
inline constexpr const char* report_schema_version = "1.0";

struct ReportMeta {
    std::string generated_at;                       // ISO 8601 UTC
    std::string answers_file;
    const engine::Benchmark* benchmark = nullptr;   // --benchmark, optional
};

std::string render_json(const Assessment& a, const ReportMeta& meta);
std::string render_markdown(const Assessment& a, const ReportMeta& meta, engine::Lang lang);

/// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now();

}  // namespace dxassess::host
