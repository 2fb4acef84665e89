// The documented exit codes of dxassess (docs/cli.md).
#pragma once

namespace dxassess::host {

enum ExitCode : int {
    exit_ok = 0,
    exit_internal = 1,      // a bug or an environment failure (e.g. cannot write the report)
    exit_input = 2,         // invalid input or usage: answers, rules, options
    exit_area_missing = 3,  // an area could not be scored; the report is still written
    exit_tests_failed = 4,  // `dxassess test`: an expectation failed or coverage is below --min-coverage
};

}  // namespace dxassess::host
