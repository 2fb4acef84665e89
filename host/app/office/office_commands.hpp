// The national office's commands: collect, summary, batch, rescore and generate, one run_* each
// (one file each in office/). Each returns an exit code (support/exit_codes.hpp).
#pragma once

#include "assessment/global_options.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct CollectOptions {
    std::vector<std::string> inputs;  // report files or directories
    std::string db;
    bool keep_reports = false;        // also store each report's text
    double min_completeness = 1.0;    // an area below this share of required answers is `incomplete`
    bool require_signature = false;   // reject unsigned reports
};
/// `dxassess collect REPORTS_OR_DIRS... --db FILE [--min-completeness R] [--require-signature]`.
int run_collect(const GlobalOptions& g, const CollectOptions& o);

/// `dxassess keys import CODES.csv --db FILE`: registers public keys (office/keys_import.cpp).
int run_keys_import(const GlobalOptions& g, const std::string& csv, const std::string& db);

struct SummaryOptions {
    std::string db;
    int year = 0;                 // 0 = the latest year in the database
    std::string by = "area";      // area | prefecture | population-band | type | peer-group
    std::string format = "text";  // text | csv | json | html
    std::string scale = "original";
    bool trend = false;           // each area per fiscal year, every year collected
    std::string map_area;         // the dashboard's map: this area's mean level ("" = mean index)
    std::string prefecture;       // list this prefecture's governments (drill-down)
    std::string expected_file;    // CSV of code (and name) of the governments expected to submit
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
    std::string id_field = "profile.code";  // passed from each input line to its result line as "id"
};
int run_batch(const GlobalOptions& g, const BatchOptions& o);

/// `dxassess rescore --db FILE --rules DIR [--label L]`.
int run_rescore(const GlobalOptions& g, const std::string& db, const std::string& rules_dir, const std::string& label);

/// `dxassess generate --count N --seed S --out FILE.jsonl`: synthetic but valid answer sets;
/// `--national --years Y`: the 1,788 governments of a Japan-shaped country for Y fiscal years.
struct GenerateOptions {
    long long count = 100;
    unsigned seed = 1;
    int fiscal_year = 2025;  // the latest year
    bool national = false;
    int years = 1;
    std::string out;
};
int run_generate(const GlobalOptions& g, const GenerateOptions& o);

/// `dxassess bench RULES_DIR [--count N] [--seed S]`: scoring-only, binding and end-to-end rates of
/// the rule sets in RULES_DIR (with the installed plugins) on generated answer sets.
struct BenchOptions {
    std::string rules_dir;
    long long count = 10000;
    unsigned seed = 1;
};
int run_bench(const GlobalOptions& g, const BenchOptions& o);

}  // namespace dxassess::host
