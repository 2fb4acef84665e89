#include "dxassess/engine/json_input.hpp"

namespace dxassess::engine {

Location location_of_byte(std::string_view text, std::size_t offset, Location start) {
    Location loc = std::move(start);
    if (loc.line == 0) loc.line = 1;
    if (loc.column == 0) loc.column = 1;
    for (std::size_t i = 0; i < text.size() && i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
            ++loc.column;
        }
    }
    return loc;
}

Text json_syntax_error(std::string_view parser_message) {
    std::string words(parser_message);
    if (const auto id = words.find("] "); words.rfind("[json.exception.", 0) == 0 && id != std::string::npos) words.erase(0, id + 2);
    if (words.rfind("parse error", 0) == 0)
        if (const auto at = words.find(": "); at != std::string::npos) words.erase(0, at + 2);
    return Text{"JSON として読めません: " + words, "not valid JSON: " + words};
}

void check_json_depth(std::string_view text, const Location& where) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;  // the escaped character cannot end the string
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth)
                throw InputError(location_of_byte(text, i, where),
                                 Text{"JSON の入れ子が深すぎます（配列・オブジェクトの入れ子の上限 " + std::to_string(max_json_depth) + "）",
                                      "JSON nested too deeply (arrays and objects may nest at most " + std::to_string(max_json_depth) + " deep)"});
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

}  // namespace dxassess::engine
