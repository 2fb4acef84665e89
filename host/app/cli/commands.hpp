// The dxassess commands. Each returns an exit code (exit_codes.hpp).
#pragma once

#include "assessment.hpp"

#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct GlobalOptions {
    engine::Lang lang = engine::Lang::ja;
    std::vector<std::string> plugin_dirs;
    std::vector<std::string> rules_dirs;
    std::string lock_file;    // --lock-file: refuse plugins and rule sets whose digest differs
    RunPolicy run;            // --isolate, --plugin-timeout
    bool verbose = false;
};

struct AssessOptions {
    std::string answers_file;
    std::string output_dir = ".";
    std::vector<std::string> formats{"json", "md", "html"};  // also: csv, xlsx
    std::string benchmark_file;                            // --benchmark, optional
    bool bom = false;                                      // --bom: UTF-8 BOM in the CSV for Excel
};

int run_assess(const GlobalOptions& g, const AssessOptions& o);
/// `dxassess plugins [--lock FILE] [--check]`: list; write a lock file; or verify against the lock file.
int run_plugins(const GlobalOptions& g, const std::string& write_lock, bool check);
int run_rules_check(const GlobalOptions& g, const std::vector<std::string>& files);

/// `dxassess init`: write (or update) the answers template.
int run_init(const GlobalOptions& g, const std::string& output);

/// `dxassess diff OLD.json NEW.json [--format json]`.
int run_diff(const GlobalOptions& g, const std::string& old_path, const std::string& new_path, bool as_json);
/// `dxassess explain REPORT.json [--area X]`.
int run_explain(const GlobalOptions& g, const std::string& path, const std::string& area);

/// `dxassess collect REPORTS_OR_DIRS... --db FILE`.
int run_collect(const GlobalOptions& g, const std::vector<std::string>& inputs, const std::string& db, bool keep_reports);

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

struct TestOptions {
    std::vector<std::string> paths;  // test files or directories; default: the rules directories
    double min_coverage = 0;         // percent of levels and checks the tests must reach
};

int run_rule_tests(const GlobalOptions& g, const TestOptions& o);

}  // namespace dxassess::host
