// Reading JSON files whole, with errors that name the file, line and column.
#pragma once

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace dxassess::host {

/// Largest JSON file read (reports, lock files, manifests, keys): a report is well under 1 MiB.
inline constexpr std::size_t max_json_file_bytes = 64u * 1024u * 1024u;

/// A whole file's text. Throws engine::InputError naming the file, also when it is larger than `limit`.
std::string read_text_file(const std::string& path, std::size_t limit = max_json_file_bytes);

/// Parses JSON text read from `path`; errors name the file, line and column. Throws engine::InputError.
nlohmann::ordered_json parse_json_text(const std::string& text, const std::string& path);
nlohmann::ordered_json load_json_file(const std::string& path);

/// Where the value at JSON Pointer `pointer` (RFC 6901, "/plugins/0/sha256") starts in `text`, as
/// file:line:column; when there is no such value, where its nearest existing parent starts. For
/// errors about a document's content (a missing key, a wrong type) found after parsing.
engine::Location locate_json_pointer(const std::string& text, const std::string& pointer, const std::string& path);

}  // namespace dxassess::host
