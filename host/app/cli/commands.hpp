// The commands a municipality uses, one run_* each (one file each in cli/). Each returns an exit
// code (support/exit_codes.hpp). The national office's commands are in office/office_commands.hpp.
#pragma once

#include "assessment/global_options.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct AssessOptions {
    std::string answers_file;
    std::string output_dir = ".";
    std::vector<std::string> formats{"json", "md", "html"};  // also: csv, xlsx
    std::string benchmark_file;                            // --benchmark, optional
    bool bom = false;                                      // --bom: UTF-8 BOM in the CSV for Excel
    std::string csv_headers = "en";                        // --headers: CSV column names, en (stable, for scripts) or ja
    std::string sign_key;                                  // --sign KEY: sign report.json with this secret key
    bool open = false;                                     // --open: show report.html (or the first report written)
};

int run_assess(const GlobalOptions& g, const AssessOptions& o);

/// `dxassess keys generate --code CODE [-o DIR]`: DIR/CODE.key (owner-only) and DIR/CODE.pub.
int run_keys_generate(const GlobalOptions& g, const std::string& code, const std::string& dir);
/// `dxassess sign REPORT.json --key CODE.key`: adds the report's Ed25519 signature, in place.
int run_sign(const GlobalOptions& g, const std::string& report, const std::string& key_file);
/// `dxassess plugins [--lock FILE] [--check]`: list; write a lock file; or verify against the lock file.
int run_plugins(const GlobalOptions& g, const std::string& write_lock, bool check);
int run_rules_check(const GlobalOptions& g, const std::vector<std::string>& files);

struct InitOptions {
    std::string output;  // -o; default answers.toml, or answers.xlsx with --format xlsx
    std::string format;  // toml | xlsx; default: by the output's extension
    std::string from;    // --from: answers to start from (answers file, questionnaire workbook or XLSX report)
    bool open = false;   // --open: open the written file (the workbook in Excel)
};

/// `dxassess init`: write (or update) the answers template or the questionnaire workbook.
int run_init(const GlobalOptions& g, const InitOptions& o);

/// `dxassess convert IN -o OUT`: answers file (TOML) to questionnaire workbook (.xlsx), or back.
int run_convert(const GlobalOptions& g, const std::string& input, const std::string& output);

/// `dxassess diff OLD.json NEW.json [--format json]`.
int run_diff(const GlobalOptions& g, const std::string& old_path, const std::string& new_path, bool as_json);
/// `dxassess explain REPORT.json [--area X]`.
int run_explain(const GlobalOptions& g, const std::string& path, const std::string& area);

struct TestOptions {
    std::vector<std::string> paths;  // test files or directories; default: the rules directories
    double min_coverage = 0;         // percent of levels and checks the tests must reach
    std::string rules_file;          // --rules: the rule set under test; default: <area>.toml next to each test file
};

int run_rule_tests(const GlobalOptions& g, const TestOptions& o);

}  // namespace dxassess::host
