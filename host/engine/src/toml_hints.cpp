#include "toml_hints.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>

namespace dxassess::engine {
namespace {

struct Hint {
    std::size_t at;  // byte offset in the line
    Text message;
};

std::uint32_t column_of(const std::string& line, std::size_t at) {
    std::uint32_t col = 1;
    for (std::size_t i = 0; i < at && i < line.size(); ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
    return col;
}

bool starts_with(const std::string& s, std::size_t at, const char* what) { return s.compare(at, std::char_traits<char>::length(what), what) == 0; }

/// Full-width digits (０-９, U+FF10..U+FF19) turned into ASCII; other bytes kept.
std::string ascii_digits(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i + 2 < s.size() && starts_with(s, i, "\xEF\xBC") && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
            static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

/// "78%" as the ratio it means ("0.78"); "0.xx" when the number cannot be read.
std::string as_share(const std::string& percent) {
    try {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", std::stod(percent.substr(0, percent.find('%'))) / 100.0);
        return buf;
    } catch (const std::exception&) {
        return "0.xx";
    }
}

/// The value written after `=` up to a comment, trimmed (quoted parts included).
std::string value_text(const std::string& line, std::size_t from) {
    char quote = 0;
    std::size_t end = from;
    for (; end < line.size(); ++end) {
        const char c = line[end];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' || c == '\n' || c == '\r') {
            break;
        }
    }
    std::string v = line.substr(from, end - from);
    v.erase(0, v.find_first_not_of(" \t"));
    v.erase(v.find_last_not_of(" \t") + 1);
    return v;
}

/// The first recognised typo in one `key = value` line, outside strings and comments.
std::optional<Hint> hint_for(const std::string& line) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#' || line[first] == '[') return std::nullopt;
    char quote = 0;
    std::size_t equals = std::string::npos;
    for (std::size_t i = first; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') quote = c;
        else if (c == '#') break;
        else if (c == '=' && equals == std::string::npos) equals = i;
        if (starts_with(line, i, "\xEF\xBC\x9D") && equals == std::string::npos)  // ＝
            return Hint{i, {"「＝」は半角の「=」にしてください", "use an ASCII '=' instead of '＝'"}};
        if (starts_with(line, i, "\xE3\x80\x80"))  // U+3000 IDEOGRAPHIC SPACE
            return Hint{i, {"全角スペースがあります。半角スペースにするか、削除してください",
                            "a full-width space (U+3000): use an ASCII space or remove it"}};
        if (starts_with(line, i, "\xE2\x80\x9C") || starts_with(line, i, "\xE2\x80\x9D"))  // “ ”
            return Hint{i, {"引用符は半角の「\"」にしてください（“ ” は使えません）", "use ASCII double quotes '\"' instead of “ ”"}};
        if (equals == std::string::npos) continue;
        if (i + 2 < line.size() && starts_with(line, i, "\xEF\xBC") && static_cast<unsigned char>(line[i + 2]) >= 0x90 &&
            static_cast<unsigned char>(line[i + 2]) <= 0x99) {
            const std::string v = value_text(line, equals + 1);
            const std::string ascii = ascii_digits(v);
            const bool percent = ascii.find('%') != std::string::npos;  // ７８%: both typos, one fix
            const std::string fixed = percent ? as_share(ascii) : ascii;
            return Hint{i, {std::string("数字は半角で") + (percent ? "、割合は 0〜1 の小数で" : "") + "書いてください（" + v + " → " + fixed + "）",
                            std::string("write digits in ASCII") + (percent ? ", and a share as a decimal between 0 and 1" : "") + " (" + v +
                                " → " + fixed + ")"}};
        }
        if (c == '%' && i > 0 && std::isdigit(static_cast<unsigned char>(line[i - 1]))) {
            const std::string v = value_text(line, equals + 1);
            return Hint{i, {"割合は 0〜1 の小数で書きます（" + v + " → " + as_share(v) + "）。% は付けません",
                            "write a share as a decimal between 0 and 1 (" + v + " → " + as_share(v) + "), without %"}};
        }
    }
    if (equals == std::string::npos) return std::nullopt;
    const std::size_t start = line.find_first_not_of(" \t", equals + 1);
    if (start == std::string::npos) return Hint{equals, {"「=」の後に値がありません。回答しない場合は行頭に # を付けてください",
                                                         "no value after '='; to leave it unanswered, put # at the start of the line"}};
    const std::string v = value_text(line, start);
    const char c = line[start];
    const bool bare_word = !(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.' || c == '"' ||
                             c == '\'' || c == '[' || c == '{' || v == "true" || v == "false" || v == "inf" || v == "nan");
    std::string lower = v;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (bare_word && (lower == "true" || lower == "false"))
        return Hint{start, {"true / false は小文字で書きます（" + v + " → " + lower + "）", "write true and false in lower case (" + v + " → " + lower + ")"}};
    if (bare_word)
        return Hint{start, {"文字列は \"…\" で囲んでください（例: \"" + v + "\"）", "quote text as \"…\" (e.g. \"" + v + "\")"}};
    return std::nullopt;
}

}  // namespace

std::vector<Diagnostic> explain_syntax_error(const std::string& text, const Location& at, const std::string& description) {
    std::vector<Diagnostic> out;
    bool parser_line_explained = false;
    const char* multiline = nullptr;  // inside a """ or ''' string
    std::uint32_t number = 0;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t nl = text.find('\n', start);
        const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        start = nl == std::string::npos ? text.size() : nl + 1;
        ++number;
        const auto delimiters = [&](const char* d) {
            std::size_t count = 0;
            for (std::size_t p = line.find(d); p != std::string::npos; p = line.find(d, p + 3)) ++count;
            return count;
        };
        if (multiline) {
            if (delimiters(multiline) % 2 == 1) multiline = nullptr;
            continue;
        }
        if (delimiters("\"\"\"") % 2 == 1) multiline = "\"\"\"";
        else if (delimiters("'''") % 2 == 1) multiline = "'''";
        if (multiline) continue;
        if (const auto hint = hint_for(line)) {
            out.push_back({Location{at.file, number, column_of(line, hint->at)},
                           {"TOML の構文エラー: " + hint->message.ja, "TOML syntax error: " + hint->message.en}});
            if (number == at.line) parser_line_explained = true;
        }
    }
    if (!parser_line_explained) {
        const Diagnostic parser{at, {"TOML の構文エラー: " + description, "TOML syntax error: " + description}};
        const auto later = std::find_if(out.begin(), out.end(), [&](const Diagnostic& d) { return d.where.line > at.line; });
        out.insert(later, parser);
    }
    return out;
}

}  // namespace dxassess::engine
