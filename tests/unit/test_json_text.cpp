// Direct JSON writing must give exactly what nlohmann::json dumps (batch result lines are compared
// byte for byte by the office's scripts).
#include "test_support.hpp"

#include "support/json_text.hpp"

#include <nlohmann/json.hpp>

#include <limits>

using dxassess::host::append_json_number;
using dxassess::host::append_json_string;

TEST_CASE("strings are escaped as nlohmann::json escapes them", "[json]") {
    for (const std::string& s : std::vector<std::string>{"", "plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", std::string("nul\0x", 5),
                                "\x01\x1f bell\b feed\f", "日本語のテキスト（全角）", "slash / stays"}) {
        INFO(s);
        std::string out;
        append_json_string(out, s);
        CHECK(out == nlohmann::json(s).dump());
    }
}

TEST_CASE("numbers are written as nlohmann::json writes them", "[json]") {
    for (const double d : {0.0, -0.0, 1.0, 27.4, 100.0, 0.1, 1.0 / 3.0, 1e-7, 123456789012.5, 1e21, -42.25,
                           std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
        INFO(d);
        std::string out;
        append_json_number(out, d);
        CHECK(out == nlohmann::json(d).dump());
    }
}
