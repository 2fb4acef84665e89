#include "support/json_field.hpp"

#include <simdjson.h>

namespace dxassess::host {

std::string json_field_token(std::string& text, std::string_view dotted_path) {
    // Read in place when the string has room for simdjson's padding (a line read by getline often
    // has); otherwise make room once.
    if (text.capacity() < text.size() + simdjson::SIMDJSON_PADDING) text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    thread_local simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    if (parser.iterate(simdjson::padded_string_view(text.data(), text.size(), text.capacity())).get(doc)) return "null";
    simdjson::ondemand::value v;
    if (doc.get_value().get(v)) return "null";
    std::string_view rest = dotted_path;
    while (true) {
        const auto dot = rest.find('.');
        simdjson::ondemand::object o;
        if (v.get_object().get(o) || o.find_field_unordered(rest.substr(0, dot)).get(v)) return "null";
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
    }
    simdjson::ondemand::json_type type;
    if (v.type().get(type)) return "null";
    switch (type) {
        case simdjson::ondemand::json_type::string:
        case simdjson::ondemand::json_type::number:
        case simdjson::ondemand::json_type::boolean: {
            // raw_json_token runs to the next token: trailing blanks are not the value's.
            std::string_view token = v.raw_json_token();
            while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' || token.back() == '\n'))
                token.remove_suffix(1);
            if (type == simdjson::ondemand::json_type::string) {
                std::string_view checked;  // the string must be valid (escapes, UTF-8) to be passed on
                if (v.get_string().get(checked)) return "null";
            } else if (type == simdjson::ondemand::json_type::boolean) {
                bool b;
                if (v.get_bool().get(b)) return "null";
            } else {
                simdjson::ondemand::number n;
                if (v.get_number().get(n)) return "null";
            }
            return std::string(token);
        }
        default: return "null";
    }
}

}  // namespace dxassess::host
