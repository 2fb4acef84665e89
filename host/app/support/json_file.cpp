#include "support/json_file.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/json_input.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dxassess::host {

using engine::InputError;
using engine::Location;
using engine::Text;

std::string read_text_file(const std::string& path, std::size_t limit) {
    std::error_code ec;
    if (std::filesystem::is_directory(engine::file_path(path), ec))
        throw InputError(Location{path}, Text{"ファイルではなくディレクトリです", "is a directory, not a file"});
    std::ifstream in(engine::file_path(path), std::ios::binary);
    if (!in) throw InputError(Location{path}, Text{"ファイルが見つからないか読めません", "file not found or unreadable"});
    std::string text;
    if (in.seekg(0, std::ios::end)) {  // a file: one read into place
        const std::streamoff size = in.tellg();
        if (size > 0 && static_cast<std::uintmax_t>(size) > limit) throw engine::file_too_large(path, static_cast<std::uintmax_t>(size), limit);
        in.seekg(0);
        if (size > 0) {
            text.resize(static_cast<std::size_t>(size));
            in.read(text.data(), size);
            text.resize(static_cast<std::size_t>(in.gcount()));
        }
    }
    in.clear();
    char piece[64 * 1024];
    while (in.read(piece, sizeof piece) || in.gcount() > 0) {  // a pipe, or a file that grew meanwhile
        text.append(piece, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) throw engine::file_too_large(path, 0, limit);
    }
    return text;
}

nlohmann::ordered_json load_json_file(const std::string& path) { return parse_json_text(read_text_file(path), path); }

nlohmann::ordered_json parse_json_text(const std::string& text, const std::string& path) {
    engine::check_json_depth(text, Location{path});  // before anything copies the tree recursively
    nlohmann::ordered_json j;
    // A key twice in one object is ambiguous (simdjson keeps the first, nlohmann the last): refused.
    std::vector<std::vector<std::string>> keys;  // the keys seen in each open object
    std::string duplicate;
    const auto check_keys = [&](int /*depth*/, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json& parsed) {
        using E = nlohmann::ordered_json::parse_event_t;
        if (event == E::object_start) keys.emplace_back();
        else if (event == E::object_end && !keys.empty()) keys.pop_back();
        else if (event == E::key && !keys.empty()) {
            const std::string key = parsed.get<std::string>();
            if (std::find(keys.back().begin(), keys.back().end(), key) != keys.back().end()) {
                duplicate = key;
                throw std::invalid_argument("duplicate key");
            }
            keys.back().push_back(key);
        }
        return true;
    };
    try {
        j = nlohmann::ordered_json::parse(text, check_keys);
    } catch (const std::invalid_argument&) {
        throw InputError(engine::Location{path}, Text{"JSON の同じオブジェクトにキー \"" + duplicate + "\" が 2 回あります（どちらを使うか決まりません）",
                                                      "key \"" + duplicate + "\" appears twice in one JSON object (which one counts is undefined)"});
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(engine::location_of_byte(text, e.byte > 0 ? e.byte - 1 : 0, Location{path}), engine::json_syntax_error(e.what()));
    } catch (const nlohmann::json::exception& e) {  // e.g. 1e400: a number too large for a double (no position given)
        throw InputError(Location{path}, engine::json_syntax_error(e.what()));
    }
    return j;
}

engine::Location locate_json_pointer(const std::string& text, const std::string& pointer, const std::string& path) {
    const simdjson::padded_string padded(text);
    simdjson::ondemand::parser parser;
    for (std::string at = pointer;;) {
        auto doc = parser.iterate(padded);
        auto value = doc.at_pointer(at);
        std::string_view token;
        if (!value.error() && !value.raw_json_token().get(token))
            return engine::location_of_byte(text, static_cast<std::size_t>(token.data() - padded.data()), Location{path});
        if (at.empty()) return Location{path};
        at.erase(at.rfind('/'));  // the parent
    }
}

}  // namespace dxassess::host
