// Files that decide what runs or how it is scored (plugins, rule sets, settings, the lock file) are
// trusted only when no other local user could have changed them: platform/os.hpp's trust_problem,
// told to the user with the fix.
#pragma once

#include "dxassess/engine/text.hpp"

#include <optional>
#include <string>

namespace dxassess::host {

/// Why `file` cannot be trusted, naming the path at fault and the command that fixes it; nothing
/// when it can be.
std::optional<engine::Text> untrusted_file(const std::string& file);

}  // namespace dxassess::host
