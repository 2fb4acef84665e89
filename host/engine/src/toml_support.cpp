// Compiles toml++ once (TOML_HEADER_ONLY=0 for the engine) and wraps it with diagnostics.
#define TOML_IMPLEMENTATION
#include "toml_support.hpp"
#include "toml_hints.hpp"
#include "dxassess/engine/file_path.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dxassess::engine {
namespace {

Location utf8_error_location(const std::string& text, const std::string& path) {
    // Find the first invalid byte and report its line and column (in code points).
    std::uint32_t line = 1, col = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            if (len == 0 || i + len > text.size() || !is_valid_utf8(text.substr(i, len))) break;
        }
        if (c == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
        i += len;
    }
    return Location{path, line, col};
}

}  // namespace

std::string read_input_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(file_path(path), ec);
    if (ec || !fs::exists(status))
        throw InputError(Location{path}, Text{"ファイルが見つかりません", "file not found"});
    if (fs::is_directory(status))
        throw InputError(Location{path}, Text{"ファイルではなくディレクトリです", "is a directory, not a file"});
    const auto size = fs::file_size(file_path(path), ec);
    if (!ec && size > max_input_bytes) throw file_too_large(path, size, max_input_bytes);
    std::ifstream in(file_path(path), std::ios::binary);
    if (!in) throw InputError(Location{path}, Text{"ファイルを読めません", "cannot read file"});
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

toml::table parse_toml(const std::string& text, const std::string& path) {
    if (text.size() > max_input_bytes) throw file_too_large(path, text.size(), max_input_bytes);
    if (!is_valid_utf8(text))
        throw InputError(utf8_error_location(text, path),
                         Text{"UTF-8 として不正なバイトがあります（ファイルは UTF-8 で保存してください）",
                              "invalid UTF-8 (save the file as UTF-8)"});
    try {
        return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw InputError(explain_syntax_error(text, Location{path, b.line, b.column}, std::string(e.description())));
    }
}

Location location_of(const std::string& path, const toml::node& node) {
    const auto& b = node.source().begin;
    return Location{path, b.line, b.column};
}

Location location_in_string(const std::string& text, const std::string& path, const toml::node& node,
                            std::size_t offset) {
    Location loc = location_of(path, node);
    if (loc.line == 0) return loc;
    // Find the token's first byte: skip to the line, then (column - 1) code points.
    std::size_t p = 0;
    for (std::uint32_t l = 1; l < loc.line && p < text.size(); ++l) {
        p = text.find('\n', p);
        if (p == std::string::npos) return loc;
        ++p;
    }
    auto advance_cp = [&](std::size_t& q) {
        const auto c = static_cast<unsigned char>(text[q]);
        q += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    };
    for (std::uint32_t c = 1; c < loc.column && p < text.size(); ++c) advance_cp(p);
    if (p >= text.size()) return loc;

    const bool literal = text[p] == '\'';
    const bool multi = text.compare(p, 3, literal ? "'''" : "\"\"\"") == 0;
    std::size_t q = p + (multi ? 3 : 1);
    std::uint32_t line = loc.line, col = loc.column + (multi ? 3 : 1);
    auto newline = [&] { ++line; col = 1; };
    if (multi) {  // TOML trims a newline right after the opening delimiter
        if (text.compare(q, 2, "\r\n") == 0) { q += 2; newline(); }
        else if (q < text.size() && text[q] == '\n') { ++q; newline(); }
    }
    std::size_t decoded = 0;
    while (q < text.size() && decoded < offset) {
        const char c = text[q];
        if (!literal && c == '\\' && q + 1 < text.size()) {
            const char e = text[q + 1];
            if (multi && (e == '\n' || e == ' ' || e == '\t' || e == '\r')) {  // line-ending backslash
                q += 1;
                col += 1;
                while (q < text.size() && (text[q] == ' ' || text[q] == '\t' || text[q] == '\n' || text[q] == '\r')) {
                    if (text[q] == '\n') newline(); else ++col;
                    ++q;
                }
                continue;
            }
            std::size_t raw = 2, produced = 1;
            if (e == 'u' || e == 'U') {
                raw = e == 'u' ? 6 : 10;
                const auto cp = std::stoul(text.substr(q + 2, raw - 2), nullptr, 16);
                produced = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            }
            q += raw;
            col += static_cast<std::uint32_t>(raw);
            decoded += produced;
            continue;
        }
        const std::size_t before = q;
        advance_cp(q);
        decoded += q - before;
        if (c == '\n') newline(); else ++col;
    }
    return Location{path, line, col};
}

const char* toml_type_en(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::table: return "table";
        case toml::node_type::array: return "array";
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "float";
        case toml::node_type::boolean: return "boolean";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time";
        case toml::node_type::date_time: return "date-time";
        default: return "nothing";
    }
}

const char* toml_type_ja(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::table: return "テーブル";
        case toml::node_type::array: return "配列";
        case toml::node_type::string: return "文字列";
        case toml::node_type::integer: return "整数";
        case toml::node_type::floating_point: return "小数";
        case toml::node_type::boolean: return "真偽値";
        case toml::node_type::date: return "日付";
        case toml::node_type::time: return "時刻";
        case toml::node_type::date_time: return "日時";
        default: return "なし";
    }
}

FieldReader::FieldReader(const toml::table& table, const std::string& path, std::string where_ja, std::string where_en,
                         std::vector<Diagnostic>& errors)
    : table_(table), path_(path), where_ja_(std::move(where_ja)), where_en_(std::move(where_en)), errors_(errors) {}

const toml::node* FieldReader::node(const char* key) {
    read_.insert(key);
    return table_.get(key);
}

Location FieldReader::location(const char* key) const {
    const toml::node* n = table_.get(key);
    return location_of(path_, n ? *n : static_cast<const toml::node&>(table_));
}

void FieldReader::error_at(const char* key, Text message) {
    errors_.push_back(Diagnostic{location(key), std::move(message)});
}

const toml::node* FieldReader::fetch(const char* key, bool required, const char* want_ja, const char* want_en,
                                     bool (*accept)(const toml::node&)) {
    const toml::node* n = node(key);
    if (n == nullptr) {
        if (required)
            errors_.push_back(Diagnostic{location_of(path_, table_),
                                         Text{where_ja_ + "に必須のキー '" + key + "'（" + want_ja + "）がありません",
                                              where_en_ + ": missing required key '" + key + "' (" + want_en + ")"}});
        return nullptr;
    }
    if (!accept(*n)) {
        errors_.push_back(Diagnostic{location_of(path_, *n),
                                     Text{where_ja_ + "の '" + key + "' には" + want_ja + "が必要ですが、" + toml_type_ja(*n) + "です",
                                          where_en_ + ": '" + key + "' must be " + want_en + ", found " + toml_type_en(*n)}});
        return nullptr;
    }
    return n;
}

std::optional<std::string> FieldReader::string(const char* key, bool required) {
    const auto* n = fetch(key, required, "文字列", "a string", [](const toml::node& x) { return x.is_string(); });
    if (!n) return std::nullopt;
    return n->as_string()->get();
}

std::optional<std::int64_t> FieldReader::integer(const char* key, bool required) {
    const auto* n = fetch(key, required, "整数", "an integer", [](const toml::node& x) { return x.is_integer(); });
    if (!n) return std::nullopt;
    return n->as_integer()->get();
}

std::optional<double> FieldReader::number(const char* key, bool required) {
    const auto* n = fetch(key, required, "数値", "a number", [](const toml::node& x) { return x.is_number(); });
    if (!n) return std::nullopt;
    return n->is_integer() ? static_cast<double>(n->as_integer()->get()) : n->as_floating_point()->get();
}

std::optional<bool> FieldReader::boolean(const char* key, bool required) {
    const auto* n = fetch(key, required, "真偽値（true / false）", "a boolean (true / false)",
                          [](const toml::node& x) { return x.is_boolean(); });
    if (!n) return std::nullopt;
    return n->as_boolean()->get();
}

std::optional<Date> FieldReader::date(const char* key, bool required) {
    const auto* n = fetch(key, required, "日付（引用符なしの YYYY-MM-DD）", "a date (YYYY-MM-DD, unquoted)",
                          [](const toml::node& x) { return x.is_date(); });
    if (!n) return std::nullopt;
    const toml::date d = n->as_date()->get();
    return Date{d.year, d.month, d.day};
}

bool is_identifier(const std::string& s) {
    if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_')) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

const toml::array* FieldReader::array(const char* key, bool required) {
    const auto* n = fetch(key, required, "配列", "an array", [](const toml::node& x) { return x.is_array(); });
    return n ? n->as_array() : nullptr;
}

const toml::table* FieldReader::table(const char* key, bool required) {
    const auto* n = fetch(key, required, "テーブル", "a table", [](const toml::node& x) { return x.is_table(); });
    return n ? n->as_table() : nullptr;
}

void FieldReader::reject_unknown_keys() {
    std::vector<std::string> known(read_.begin(), read_.end());
    for (const auto& [k, v] : table_) {
        const std::string key(k.str());
        if (read_.count(key)) continue;
        const Text hint = did_you_mean(key, known);
        errors_.push_back(Diagnostic{location_of(path_, v),
                                     Text{where_ja_ + "に不明なキー '" + key + "' があります" + hint.ja,
                                          where_en_ + ": unknown key '" + key + "'" + hint.en}});
    }
}

}  // namespace dxassess::engine
