// Running foreign code in a child process with a time limit, so that a plugin that crashes, aborts
// or hangs becomes a clear failure of its area instead of taking the host down.
#pragma once

#include "dxassess/engine/text.hpp"

#include <functional>
#include <optional>
#include <string>

namespace dxassess::host {

/// How a child process ended when it returned nothing.
enum class ChildEnd { finished, crashed, timed_out, exited_with_error };

/// Runs `work` in a forked child and returns what it returned. On a crash, a non-zero exit or when
/// `timeout_seconds` pass (the child is then killed), returns nothing; `failure` says what happened
/// (naming `what`) and `end`, if given, how.
std::optional<std::string> run_in_child(const std::function<std::string()>& work, double timeout_seconds,
                                        const std::string& what, engine::Text& failure, ChildEnd* end = nullptr);

}  // namespace dxassess::host
