// Reading .xlsx parts as office suites write them: serial dates (with the 1900 leap-year quirk),
// cell references, and refusing what is not a workbook.
#include "test_support.hpp"

#include "workbook/xlsx_book.hpp"

using dxassess::host::column_letters;
using dxassess::host::excel_serial_to_date;
using dxassess::host::read_xlsx;

namespace {
std::string date_of(double serial) {
    const auto d = excel_serial_to_date(serial);
    return d ? d->str() : "invalid";
}
}  // namespace

TEST_CASE("Excel serial days are calendar dates", "[workbook]") {
    CHECK(date_of(45748) == "2025-04-01");
    CHECK(date_of(46113) == "2026-04-01");
    CHECK(date_of(1) == "1900-01-01");
    CHECK(date_of(59) == "1900-02-28");
    CHECK(date_of(60) == "invalid");  // 1900-02-29 never existed; Excel kept Lotus's bug
    CHECK(date_of(61) == "1900-03-01");
    CHECK(date_of(45748.5) == "invalid");  // a time of day is not a date answer
    CHECK(date_of(0) == "invalid");
    CHECK(date_of(-5) == "invalid");
    CHECK(date_of(1e12) == "invalid");
}

TEST_CASE("column letters", "[workbook]") {
    CHECK(column_letters(1) == "A");
    CHECK(column_letters(26) == "Z");
    CHECK(column_letters(27) == "AA");
    CHECK(column_letters(16384) == "XFD");
}

TEST_CASE("bytes that are not a workbook are an input error naming the file", "[workbook]") {
    for (const std::string& bytes : {std::string(), std::string("not a zip"), std::string("PK\x03\x04 truncated", 14)}) {
        try {
            (void)read_xlsx(bytes, "回答.xlsx");
            FAIL("accepted");
        } catch (const dxassess::engine::InputError& e) {
            CHECK_THAT(e.format(dxassess::engine::Lang::ja), Catch::Contains("回答.xlsx: Excel ブック（.xlsx）として読めません"));
        }
    }
}

TEST_CASE("a cell naming a shared string that does not exist is an input error naming its cell", "[workbook]") {
    // Raised inside expat's callback: it must reach the caller as an error, with the parser freed (ASan checks).
    try {
        (void)dxassess::host::read_xlsx_file(DXASSESS_SOURCE_DIR "/tests/data/workbooks/missing-shared-string.xlsx");
        FAIL("accepted");
    } catch (const dxassess::engine::InputError& e) {
        CHECK_THAT(e.format(dxassess::engine::Lang::en), Catch::Contains("テレワーク!C7 refers to a shared string that does not exist"));
    }
}
