// Running work in a child process with limits, so that foreign code that crashes, aborts, hangs,
// exhausts memory, exits early or floods the terminal ends the child, never the caller. The
// platform layer: it knows processes, not plugins.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace dxassess::host {

/// What the child may use. Applied in the child before `work` runs.
struct ChildLimits {
    double timeout_seconds = 10;          // wall-clock limit; the CPU-time limit is set just above it
    std::uint64_t memory_bytes = 0;       // address space the child may add to what it inherits; 0 = no limit
    std::string run_as_user;              // when the caller is root, the child runs as this user; "" = stay root
    std::size_t output_bytes = 64 * 1024; // of the child's standard output and error, this much is kept
    std::size_t output_limit = 1 << 20;   // a child that writes more is stopped
};

/// How a child process ended.
enum class ChildEnd {
    finished,           // `work` returned; `output` is what it returned
    crashed,            // killed by a signal; `detail` names it ("SIGSEGV")
    timed_out,          // still running at the deadline, then killed with its process group
    cpu_limit,          // used up its CPU time (SIGXCPU)
    memory_limit,       // an allocation failed at the memory limit
    output_limit,       // wrote more than ChildLimits::output_limit bytes, then killed
    forbidden_call,     // tried to signal, trace or write into another process (SIGSYS from the seccomp filter)
    threw,              // `work` threw; `detail` is the exception's message, if it had one
    exited_early,       // exited on its own (e.g. exit(0) in foreign code) before `work` returned; `detail` is the status
    not_started,        // no child could be made, or its limits could not be set; `detail` says which step failed
};

struct ChildOutcome {
    ChildEnd end = ChildEnd::finished;
    std::string output;           // what `work` returned
    std::string detail;
    std::string captured;         // the first ChildLimits::output_bytes of the child's stdout and stderr
    std::size_t captured_total = 0;  // how many bytes the child wrote to them in all
};

/// Work a child process can do: a plain function of a string. Nothing else crosses into the child,
/// so the same task runs the same way whether the child is a fork of this process (POSIX) or a new
/// start of this program that finds the task by name (Windows, which has no fork).
using ChildTaskFunction = std::string (*)(const std::string& input);

struct ChildTask {
    const char* name = "";           // unique within the program; how a restarted program finds `run`
    ChildTaskFunction run = nullptr;
    std::string input;
};

/// Runs `task` in a child process under `limits` and returns what it returned. The child runs in
/// its own process group (POSIX) or job object (Windows), with no new privileges, may not signal or
/// trace other processes (Linux), and its standard output and error are captured, never shown.
/// Buffered output of the caller is flushed first, so the child never repeats it.
ChildOutcome run_in_child(const ChildTask& task, const ChildLimits& limits);

/// The tasks a program can be asked to run as a child: every ChildTask it passes to run_in_child.
struct ChildTaskEntry {
    const char* name;
    ChildTaskFunction run;
};

/// Call first thing in main(). When this process was started as the child of run_in_child (on
/// Windows: `<program> --dxassess-child-task <name> <handle>`), runs that task from `tasks` and
/// returns the process's exit status; otherwise returns nothing and main() goes on.
std::optional<int> serve_child_task(int argc, char** argv, std::initializer_list<ChildTaskEntry> tasks);

}  // namespace dxassess::host
