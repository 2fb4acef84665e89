// Foreign code in a child process: platform/child_process.hpp, with each way it can end told to
// the user in Japanese and English, and what the child printed kept in the host's log.
#pragma once

#include "platform/child_process.hpp"

#include "dxassess/engine/text.hpp"

#include <optional>
#include <string>

namespace dxassess::host {

/// Runs `task` in a child under `limits` and returns what it returned. Otherwise returns nothing
/// and `failure` names `what` and the cause ("memory limit exceeded", "crashed (SIGSEGV)", ...).
/// The child's standard output and error go to the log (bounded), never to the terminal.
std::optional<std::string> run_isolated(const ChildTask& task, const ChildLimits& limits,
                                        const std::string& what, engine::Text& failure);

}  // namespace dxassess::host
