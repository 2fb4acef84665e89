// Report writers. JSON is the standardized unit the national office collects
// (docs/report.schema.json); Markdown is for people.
#pragma once

#include "result/assessment_result.hpp"

#include "dxassess/engine/benchmark.hpp"
#include "dxassess/engine/text.hpp"

#include <string>

namespace dxassess::host {

/// Version of the JSON report format; bump the minor for added fields, the major for changes.
inline constexpr const char* report_schema_version = "1.2";

struct ReportMeta {
    std::string generated_at;                       // ISO 8601 UTC
    std::string answers_file;
    const engine::Benchmark* benchmark = nullptr;   // --benchmark, optional
};

std::string render_json(const Assessment& a, const ReportMeta& meta);
std::string render_markdown(const Assessment& a, const ReportMeta& meta, engine::Lang lang);
/// Self-contained HTML (inline CSS and SVG radar chart), printable on A4.
std::string render_html(const Assessment& a, const ReportMeta& meta, engine::Lang lang);

/// CSV column names: English and stable for scripts (the default), or Japanese for people (--headers ja).
enum class CsvHeaders { en, ja };
/// One row per area; `bom` prepends a UTF-8 byte order mark for Excel.
std::string render_csv(const Assessment& a, engine::Lang lang, bool bom, CsvHeaders headers = CsvHeaders::en);
/// One row per 該当なし or annotated answer (report-notes.csv): question, row, reason, notes.
std::string render_notes_csv(const Assessment& a, engine::Lang lang, bool bom, CsvHeaders headers = CsvHeaders::en);
/// The terminal summary; `colour` adds ANSI colours.
std::string render_text(const Assessment& a, engine::Lang lang, bool colour);
/// Writes the Excel workbook to `path` (a summary sheet and one sheet per area). Throws std::runtime_error.
void write_xlsx(const Assessment& a, const ReportMeta& meta, engine::Lang lang, const std::string& path);

/// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ", or SOURCE_DATE_EPOCH's when that is set.
std::string utc_now();

}  // namespace dxassess::host
