// What the shared part of AtomicBatch (atomic_file.cpp) needs from each system: the step that puts
// a written temporary file in place of its target, in one step. atomic_file_posix.cpp: rename();
// atomic_file_windows.cpp: MoveFileExW.
#pragma once

#include <string>

namespace dxassess::host {

/// Replaces `target` with `temp`; throws std::runtime_error naming the target and the reason.
void replace_file(const std::string& temp, const std::string& target);

}  // namespace dxassess::host
