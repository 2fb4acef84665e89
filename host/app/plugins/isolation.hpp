// Foreign code in a child process: platform/child_process.hpp, with each way it can end told to
// the user in Japanese and English.
#pragma once

#include "platform/child_process.hpp"

#include "dxassess/engine/text.hpp"

#include <functional>
#include <optional>
#include <string>

namespace dxassess::host {

/// Runs `work` in a child with a time limit and returns what it returned. On a crash, a non-zero
/// exit, a time-out or when no child can be made, returns nothing; `failure` says what happened
/// (naming `what`) and `end`, if given, how.
std::optional<std::string> run_isolated(const std::function<std::string()>& work, double timeout_seconds,
                                        const std::string& what, engine::Text& failure, ChildEnd* end = nullptr);

}  // namespace dxassess::host
