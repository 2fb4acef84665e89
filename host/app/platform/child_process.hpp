// Running work in a child process with a time limit, so that foreign code that crashes, aborts or
// hangs ends the child, never the caller. The platform layer: it knows processes, not plugins.
#pragma once

#include <functional>
#include <string>

namespace dxassess::host {

/// How a child process ended.
enum class ChildEnd {
    finished,           // exited with status 0; `output` is what `work` returned
    crashed,            // killed by a signal; `detail` names it ("SIGSEGV")
    timed_out,          // still running at the deadline, then killed
    exited_with_error,  // a non-zero exit status; `detail` is the status ("70" when `work` threw)
    not_started,        // no child could be made; `detail` says which step failed ("pipe", "fork")
};

struct ChildOutcome {
    ChildEnd end = ChildEnd::finished;
    std::string output;
    std::string detail;
};

/// Runs `work` in a child process and returns what it returned. The child is killed when
/// `timeout_seconds` pass. Standard output and error are flushed first, so the child never
/// repeats what the caller had buffered.
ChildOutcome run_in_child(const std::function<std::string()>& work, double timeout_seconds);

}  // namespace dxassess::host
