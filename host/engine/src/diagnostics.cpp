#include "dxassess/engine/diagnostics.hpp"

#include <cstdint>
#include <cstring>

#include <algorithm>
#include <tuple>

namespace dxassess::engine {

std::string Location::str() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (line > 0 && column > 0) s += ":" + std::to_string(column);
    return s;
}

std::string Diagnostic::format(Lang lang) const {
    const std::string place = where.str();
    return place.empty() ? message.in(lang) : place + ": " + message.in(lang);
}

InputError::InputError(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {
    // Report in file order, whatever order the checks ran in.
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
    });
    // A broken or hostile file can carry any number of problems; the first ones show what is wrong.
    if (diagnostics_.size() > max_reported_diagnostics) {
        const std::string more = std::to_string(diagnostics_.size() - max_reported_diagnostics);
        const std::string shown = std::to_string(max_reported_diagnostics);
        Location file{diagnostics_.front().where.file};
        diagnostics_.resize(max_reported_diagnostics);
        diagnostics_.push_back(Diagnostic{std::move(file), Text{"ほかに " + more + " 件の問題があります（最初の " + shown + " 件を表示）",
                                                                "and " + more + " more problems (the first " + shown + " are shown)"}});
    }
    what_ = format(Lang::en);
}

InputError::InputError(Location where, Text message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

InputError file_too_large(const std::string& path, std::uintmax_t size, std::uintmax_t limit) {
    const std::string l = std::to_string(limit), n = std::to_string(size);
    return size ? InputError(Location{path}, Text{"ファイルが大きすぎます（" + n + " バイト、上限 " + l + " バイト）", "file too large (" + n + " bytes, limit " + l + ")"})
                : InputError(Location{path}, Text{"ファイルが大きすぎます（上限 " + l + " バイト）", "file too large (limit " + l + " bytes)"});
}

std::string InputError::format(Lang lang) const {
    std::string out;
    for (const auto& d : diagnostics_) {
        if (!out.empty()) out += '\n';
        out += d.format(lang);
    }
    return out;
}

namespace {
std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}
}  // namespace

std::size_t edit_distance(const std::string& a8, const std::string& b8) {
    const std::u32string a = decode(a8), b = decode(b8);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = SIZE_MAX;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(name, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    const std::size_t limit = std::max<std::size_t>(2, decode(name).size() / 3);
    return best_d <= limit ? best : std::string();
}

Text did_you_mean(const std::string& name, const std::vector<std::string>& candidates) {
    const std::string m = closest_match(name, candidates);
    if (m.empty()) return {};
    return Text{"（'" + m + "' の誤りですか？）", " (did you mean '" + m + "'?)"};
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size()) {  // eight ASCII bytes at a time: the common case
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len;
        char32_t min;
        if (c < 0x80) { ++i; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; }
        else return false;
        if (i + len > s.size()) return false;
        char32_t cp = c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

}  // namespace dxassess::engine
