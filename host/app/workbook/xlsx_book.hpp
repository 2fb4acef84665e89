// Reading an Excel workbook (.xlsx, Office Open XML) as an office suite left it: the cells of every
// sheet with their values and what their number format says (percent, date). Unzipped with minizip
// and parsed with expat; nothing here knows about questionnaires.
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/value.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::host {

/// A cell position: 1-based row and column (A = 1).
struct CellRef {
    std::uint32_t row = 0;
    std::uint32_t column = 0;

    /// "C7".
    std::string str() const;
    friend auto operator<=>(const CellRef&, const CellRef&) = default;
};

/// The column letters of a 1-based column number ("A", "Z", "AA").
std::string column_letters(std::uint32_t column);

struct XlsxCell {
    enum class Kind { number, text, boolean, error };
    Kind kind = Kind::text;
    std::string text;     // text, or the number / boolean / error as written in the file
    double number = 0;    // number and boolean (1 / 0)
    bool percent = false; // its number format shows a percentage (0.78 shown as 78%)
    bool date = false;    // its number format shows a date (the number is an Excel serial day)
};

struct XlsxSheet {
    std::string name;
    std::map<CellRef, XlsxCell> cells;  // non-empty cells, by row then column

    /// The cell at `at`, or nullptr when it is empty.
    const XlsxCell* find(CellRef at) const;
};

struct XlsxBook {
    std::vector<XlsxSheet> sheets;  // in workbook order
};

/// Largest .xlsx file and largest unpacked part accepted (a zip bomb stops at the part limit).
inline constexpr std::size_t max_xlsx_bytes = 8u * 1024u * 1024u;
inline constexpr std::size_t max_xlsx_part_bytes = 64u * 1024u * 1024u;

/// Reads a workbook from its bytes; `name` names it in messages. Throws engine::InputError when it
/// is not a readable .xlsx workbook (not a zip, a part missing, XML that does not parse).
XlsxBook read_xlsx(std::string_view bytes, const std::string& name);

/// Reads a workbook file (missing, oversized and unreadable files are InputErrors).
XlsxBook read_xlsx_file(const std::string& path);

/// Whether a file looks like an .xlsx workbook by its name.
bool is_xlsx_path(const std::string& path);

/// The calendar date of an Excel serial day number (1900 date system, as Excel and LibreOffice
/// write it: 45748 is 2025-04-01); nullopt when it is not a whole day in years 1900..9999.
std::optional<engine::Date> excel_serial_to_date(double serial);

}  // namespace dxassess::host
