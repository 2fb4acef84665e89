// Writing output files so that a reader never sees a half-written one.
#pragma once

#include <string>

namespace dxassess::host {

/// Writes `content` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`. On any failure the temporary file is removed, `path` is untouched, and
/// std::runtime_error names the file and the reason.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace dxassess::host
