#include "support/json_text.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace dxassess::host {

void append_json_string(std::string& out, std::string_view s) {
    if (!engine::is_valid_utf8(s)) {
        // Rare (answers are checked when read): nlohmann's own replacement, so the bytes are its bytes.
        out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    std::size_t run = 0;  // the start of the bytes that need no escape, appended in one go
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            }
        }
    }
    out.append(s, run, s.size() - run);
    out += '"';
}

void append_json_number(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    // nlohmann's own conversion: std::to_chars finds shorter digits for some numbers (3.1322315702267408e+16
    // is 3.132231570226741e+16 there), and its choice between fixed and exponent form differs (1e+14).
    char buf[64];
    const char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, static_cast<std::size_t>(end - buf));
}

}  // namespace dxassess::host
