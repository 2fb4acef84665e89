#include "support/json_file.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <fstream>
#include <sstream>

namespace dxassess::host {

using engine::InputError;
using engine::Location;
using engine::Text;

namespace {

/// Line and column (code points) of a byte offset.
Location locate(const std::string& path, const std::string& text, std::size_t byte) {
    Location loc{path, 1, 1};
    for (std::size_t i = 0; i < text.size() && i < byte; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++loc.column;
        }
    }
    return loc;
}

}  // namespace

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{path}, Text{"ファイルが見つからないか読めません", "file not found or unreadable"});
    std::string text;
    if (in.seekg(0, std::ios::end)) {  // a file: one read into place
        const std::streamoff size = in.tellg();
        in.seekg(0);
        if (size > 0) {
            text.resize(static_cast<std::size_t>(size));
            in.read(text.data(), size);
            text.resize(static_cast<std::size_t>(in.gcount()));
        }
    }
    in.clear();
    if (in.peek() != std::ifstream::traits_type::eof()) {  // a pipe, or a file that grew meanwhile
        std::ostringstream rest;
        rest << in.rdbuf();
        text += rest.str();
    }
    return text;
}

nlohmann::ordered_json load_json_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

nlohmann::ordered_json parse_json_text(const std::string& text, const std::string& path) {
    nlohmann::ordered_json j;
    try {
        j = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
        throw InputError(locate(path, text, at), Text{std::string("JSON として読めません: ") + e.what(), std::string("not valid JSON: ") + e.what()});
    }
    return j;
}

}  // namespace dxassess::host
