// The national office's commands: collect, summary, batch, rescore and generate, one run_* each
// (one file each in office/). Each returns an exit code (support/exit_codes.hpp).
#pragma once

#include "assessment/global_options.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

/// `dxassess collect REPORTS_OR_DIRS... --db FILE [--min-completeness R]`: reports with an area
/// whose share of required answers is below R (default 1: all) are rejected as `incomplete`.
int run_collect(const GlobalOptions& g, const std::vector<std::string>& inputs, const std::string& db, bool keep_reports,
                double min_completeness = 1.0);

struct SummaryOptions {
    std::string db;
    int year = 0;                 // 0 = the latest year in the database
    std::string by = "area";      // area | prefecture | population-band | type
    std::string format = "text";  // text | csv | json | html
    std::string scale = "original";
    std::string expected_file;    // codes expected to submit, one per line
    std::string benchmark_out;    // write the benchmark file of mean levels
    std::string output;           // default: standard output
    bool bom = false;
};
int run_summary(const GlobalOptions& g, const SummaryOptions& o);

struct BatchOptions {
    std::string input;        // .jsonl (one answers object per line) or .csv (one municipality per row)
    std::string out;          // results, one JSON line per input line
    std::string reports_dir;  // optional: a full JSON report per line
    unsigned jobs = 1;        // threads that score (when every plugin may be called concurrently)
};
int run_batch(const GlobalOptions& g, const BatchOptions& o);

/// `dxassess rescore --db FILE --rules DIR [--label L]`.
int run_rescore(const GlobalOptions& g, const std::string& db, const std::string& rules_dir, const std::string& label);

/// `dxassess generate --count N --seed S --out FILE.jsonl`: synthetic but valid answer sets.
int run_generate(const GlobalOptions& g, long long count, unsigned seed, const std::string& out, int fiscal_year);

}  // namespace dxassess::host
