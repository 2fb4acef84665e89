// Direct JSON writing must give exactly what nlohmann::json dumps (batch result lines are compared
// byte for byte by the office's scripts); integers read from JSON that others wrote.
#include "test_support.hpp"

#include "support/json_integer.hpp"
#include "support/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

using dxassess::host::append_json_number;
using dxassess::host::append_json_string;

TEST_CASE("strings are escaped as nlohmann::json escapes them", "[json]") {
    for (const std::string& s : std::vector<std::string>{"", "plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", std::string("nul\0x", 5),
                                "\x01\x1f bell\b feed\f", "日本語のテキスト（全角）", "slash / stays",
                                "bad \xff utf-8 \xe3\x81", "\xed\xa0\x80 a surrogate", "\xc0\xaf overlong"}) {
        INFO(s);
        std::string out;
        append_json_string(out, s);
        CHECK(out == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

TEST_CASE("numbers are written as nlohmann::json writes them", "[json]") {
    for (const double d : {0.0, -0.0, 1.0, 27.4, 100.0, 0.1, 1.0 / 3.0, 1e-7, 123456789012.5, 1e21, -42.25,
                           std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(),
                           // where std::to_chars alone differs: fixed or exponent form, and digits Grisu2 does not shorten
                           1e14, 1e-4, 1234567890123456.0, 3.1322315702267408e16, -8.481620698703041e18}) {
        INFO(d);
        std::string out;
        append_json_number(out, d);
        CHECK(out == nlohmann::json(d).dump());
    }
    std::mt19937_64 bits(18);  // any double, by its bits
    int differ = 0;
    for (int i = 0; i < 200000; ++i) {
        const std::uint64_t b = bits();
        double d;
        std::memcpy(&d, &b, sizeof d);
        std::string out;
        append_json_number(out, d);
        differ += out != nlohmann::json(d).dump();
    }
    CHECK(differ == 0);
}

TEST_CASE("integers from foreign JSON are integers within range, or a JSON error", "[json]") {
    using dxassess::host::json_integer;
    using dxassess::host::json_integer_or;
    using json = nlohmann::ordered_json;
    CHECK(json_integer<int>(json::parse("7")) == 7);
    CHECK(json_integer<int>(json::parse("-7")) == -7);
    CHECK(json_integer<long long>(json::parse("9223372036854775807")) == std::numeric_limits<long long>::max());
    CHECK(json_integer<unsigned>(json::parse("4294967295")) == 4294967295u);
    // get<int>() would truncate, cast out of range (undefined behaviour) or wrap
    CHECK_THROWS_AS(json_integer<int>(json::parse("2.5")), json::type_error);
    CHECK_THROWS_AS(json_integer<long long>(json::parse("1e40")), json::type_error);
    CHECK_THROWS_AS(json_integer<int>(json::parse("\"3\"")), json::type_error);
    CHECK_THROWS_AS(json_integer<int>(json::parse("2147483648")), json::out_of_range);
    CHECK_THROWS_AS(json_integer<long long>(json::parse("9223372036854775808")), json::out_of_range);
    CHECK_THROWS_AS(json_integer<unsigned>(json::parse("-1")), json::out_of_range);
    const json o = json::parse(R"({"met": 3, "total": 2.0})");
    CHECK(json_integer_or(o, "met", 0) == 3);
    CHECK(json_integer_or(o, "missing", 9) == 9);
    CHECK_THROWS_AS(json_integer_or(o, "total", 0), json::type_error);
    CHECK_THROWS_AS(json_integer_or(json::parse("[]"), "met", 0), json::type_error);
}
