// CSV as Excel reads and writes it (RFC 4180): the office's inputs (batch rows, key registers,
// expected submitters) and its CSV outputs.
#pragma once

#include <string>
#include <vector>

namespace dxassess::host {

/// Splits one CSV record; quoted fields may hold commas and doubled quotes. A trailing CR is dropped.
std::vector<std::string> csv_fields(const std::string& line);

/// One field as written to CSV: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

}  // namespace dxassess::host
