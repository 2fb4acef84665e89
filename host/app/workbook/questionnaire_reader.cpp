// Reads a questionnaire workbook into answers text (TOML), cell by cell, as an office suite left it:
// shared or inline strings, numbers stored as text, percentages, dates as serial days, full-width
// digits, stray spaces. The engine then checks the text exactly as it checks an answers file.
#include "workbook/questionnaire.hpp"
#include "workbook/questionnaire_layout.hpp"
#include "workbook/xlsx_book.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace dxassess::host {
namespace {

using namespace questionnaire;
using engine::Diagnostic;
using engine::Location;
using engine::Question;
using engine::QuestionType;
using engine::Text;

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string number_literal(double d) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // a TOML float, not an integer
    return s;
}

/// Removes spaces at both ends: ASCII, no-break (U+00A0) and ideographic (U+3000) spaces.
std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    const auto space_at = [&](std::size_t i, bool back) -> std::size_t {
        if (back) {
            if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' || s[i - 1] == '\r')) return 1;
            if (i >= 2 && s.compare(i - 2, 2, "\xC2\xA0") == 0) return 2;
            if (i >= 3 && s.compare(i - 3, 3, "\xE3\x80\x80") == 0) return 3;
        } else {
            if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) return 1;
            if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
            if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
        }
        return 0;
    };
    while (b < e) {
        const std::size_t n = space_at(b, false);
        if (!n) break;
        b += n;
    }
    while (e > b) {
        const std::size_t n = space_at(e, true);
        if (!n) break;
        e -= n;
    }
    return s.substr(b, e - b);
}

/// Full-width digits and signs (０-９ ． ， ％ － −) as ASCII; `changed` tells whether any was.
std::string half_width(const std::string& s, bool& changed) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u == 0xEF && i + 2 < s.size()) {
            const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) { out += static_cast<char>('0' + (b2 - 0x90)); i += 3; changed = true; continue; }
            if (b1 == 0xBC && b2 == 0x8E) { out += '.'; i += 3; changed = true; continue; }
            if (b1 == 0xBC && b2 == 0x8C) { out += ','; i += 3; changed = true; continue; }
            if (b1 == 0xBC && b2 == 0x85) { out += '%'; i += 3; changed = true; continue; }
            if (b1 == 0xBC && b2 == 0x8D) { out += '-'; i += 3; changed = true; continue; }
        }
        if (s.compare(i, 3, "\xE2\x88\x92") == 0) { out += '-'; i += 3; changed = true; continue; }
        out += s[i++];
    }
    return out;
}

/// Whether `s` is an id as rule files write them (a TOML bare key): what a marker may name.
bool plain_id(std::string_view s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

/// A plain decimal number written as text ("1,234", "0.78", "-3"), or nullopt.
std::optional<double> parse_number(std::string s) {
    std::string digits;
    for (char c : s)
        if (c != ',') digits += c;
    if (digits.empty()) return std::nullopt;
    double d = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), d);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

/// A date written as text: 2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日 (平成 too).
std::optional<engine::Date> parse_date_text(const std::string& s) {
    engine::Date d;
    int era_base = 0;
    std::string rest = s;
    for (const auto& [name, base] : {std::pair{"令和", 2018}, std::pair{"平成", 1988}})
        if (rest.rfind(name, 0) == 0) {
            era_base = base;
            rest = rest.substr(std::string(name).size());
            if (rest.rfind("元", 0) == 0) rest = "1" + rest.substr(3);
        }
    int n = 0;
    const auto whole = [&](const char* format) {
        return std::sscanf(rest.c_str(), format, &d.year, &d.month, &d.day, &n) == 3 && rest.size() == static_cast<std::size_t>(n);
    };
    if (!whole("%d-%d-%d%n") && !whole("%d/%d/%d%n") && !whole("%d年%d月%d日%n")) return std::nullopt;
    d.year += era_base;
    if (!d.valid()) return std::nullopt;
    return d;
}

/// What a row's cells say, once read.
struct Value {
    std::string literal;  // TOML
    std::string cell;     // "シート!C7"
};

struct Annotations {
    std::optional<Value> na;
    std::optional<Value> notes[4];
    bool any() const { return na || notes[0] || notes[1] || notes[2] || notes[3]; }
};

struct Entry {  // a question's answer in an area section
    std::optional<Value> value;
    Annotations annotations;
    std::string question_cell;
    // multi-choice: the choices marked yes, and whether any item was answered
    std::vector<std::string> chosen;
    std::string first_item_cell;
    bool items_answered = false;
    // table: rows, each a list of (column id, value) and annotations
    struct Row {
        std::vector<std::pair<std::string, Value>> cells;
        Annotations annotations;
    };
    std::vector<Row> rows;
    bool explicitly_empty = false;  // a free table answered "none"
};

struct Section {
    std::string area;  // "" = profile
    const engine::RuleSet* rules = nullptr;
    std::vector<std::string> order;  // question ids as first met
    std::map<std::string, Entry> entries;
};

class Reader {
public:
    Reader(const std::string& path, const std::vector<const engine::RuleSet*>& rule_sets, bool drop_unknown)
        : path_(path), rule_sets_(rule_sets), drop_unknown_(drop_unknown) {}

    void sheet(const XlsxSheet& s);
    WorkbookAnswers finish();

private:
    std::string place(const XlsxSheet& s, CellRef at) const { return s.name + "!" + at.str(); }
    void error(const std::string& cell, const std::string& ja, const std::string& en) {
        errors_.push_back(Diagnostic{Location{path_ + ": " + cell}, Text{ja, en}});
    }
    void hint(const std::string& cell, const std::string& ja) { hints_.push_back(path_ + ": " + cell + ": " + ja); }

    /// The text of a cell, trimmed; "" when empty.
    std::string cell_text(const XlsxCell* c) const { return c ? trim(c->text) : std::string(); }
    std::optional<Value> read_value(const XlsxSheet& s, CellRef at, const Question& q);
    std::optional<Value> read_text(const XlsxSheet& s, CellRef at, bool code);
    /// The 該当なし reason (when the question allows one) at `na_col` and the four notes from `notes_col` (1-based columns).
    Annotations read_annotations(const XlsxSheet& s, std::uint32_t row, std::uint32_t na_col, bool has_na, std::uint32_t notes_col);
    void area_row(const XlsxSheet& s, std::uint32_t row, const std::string& marker);
    void profile_row(const XlsxSheet& s, std::uint32_t row, const std::string& marker);
    void emit_area(const Section& section, WorkbookAnswers& out);

    std::string path_;
    const std::vector<const engine::RuleSet*>& rule_sets_;
    bool drop_unknown_;
    std::vector<Diagnostic> errors_;
    std::vector<std::string> hints_;
    int dropped_ = 0;
    bool seen_any_ = false;

    Section profile_;
    std::vector<Section> areas_;
    std::map<std::string, Value> targets_;
    Section* current_ = nullptr;
};

std::optional<Value> Reader::read_text(const XlsxSheet& s, CellRef at, bool code) {
    const XlsxCell* c = s.find(at);
    if (!c) return std::nullopt;
    const std::string where = place(s, at);
    if (c->kind == XlsxCell::Kind::number && code && c->number == std::floor(c->number) && c->number >= 0 && c->number < 1e6) {
        // Excel turns 034843 typed into a cell into the number 34843: the code has six digits.
        char buf[16];
        std::snprintf(buf, sizeof buf, "%06lld", static_cast<long long>(c->number));
        if (c->text.size() < 6) hint(where, std::string("数値として保存された団体コードを ") + buf + " と読みました（文字列として入力してください）");
        return Value{toml_string(buf), where};
    }
    std::string text = cell_text(c);
    if (text.empty()) return std::nullopt;
    if (code) {
        bool changed = false;
        text = half_width(text, changed);
        if (changed) hint(where, "全角の数字を半角として読みました");
    }
    return Value{toml_string(text), where};
}

std::optional<Value> Reader::read_value(const XlsxSheet& s, CellRef at, const Question& q) {
    const XlsxCell* c = s.find(at);
    if (!c) return std::nullopt;
    const std::string where = place(s, at);
    if (c->kind == XlsxCell::Kind::error) {
        error(where, "セルがエラー値（" + c->text + "）です", "the cell holds an error value (" + c->text + ")");
        return std::nullopt;
    }
    std::string text = cell_text(c);
    if (c->kind == XlsxCell::Kind::text && text.empty()) return std::nullopt;
    const bool is_number = c->kind == XlsxCell::Kind::number;

    switch (q.type) {
        case QuestionType::boolean: {
            if (c->kind == XlsxCell::Kind::boolean || (is_number && (c->number == 0 || c->number == 1)))
                return Value{c->number != 0 ? "true" : "false", where};
            std::string lower = text;
            for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            for (const char* w : {"はい", "yes", "true", "○", "〇"})
                if (lower == w) return Value{"true", where};
            for (const char* w : {"いいえ", "no", "false", "×"})
                if (lower == w) return Value{"false", where};
            error(where, "「はい」か「いいえ」を選んでください（「" + text + "」は読めません）",
                  "choose yes or no (cannot read \"" + text + "\")");
            return std::nullopt;
        }
        case QuestionType::integer:
        case QuestionType::number:
        case QuestionType::ratio: {
            std::optional<double> d;
            bool percent = false;
            if (is_number) {
                d = c->number;
            } else {
                bool changed = false;
                std::string t = half_width(text, changed);
                if (!t.empty() && t.back() == '%') {
                    percent = true;
                    t = trim(t.substr(0, t.size() - 1));
                }
                d = parse_number(t);
                if (d && changed) hint(where, "全角の数字を半角として読みました（" + text + "）");
                if (d && percent) *d /= 100;
            }
            if (!d) {
                error(where, "数値ではありません（「" + text + "」）" + std::string(q.type == QuestionType::ratio ? "。割合は 78% または 0.78 のように書きます" : ""),
                      "not a number (\"" + text + "\")");
                return std::nullopt;
            }
            if (q.type == QuestionType::integer) {
                if (*d != std::floor(*d) || std::fabs(*d) > 9.0e15) {
                    error(where, "整数で書いてください（" + text + "）", "write a whole number (" + text + ")");
                    return std::nullopt;
                }
                return Value{std::to_string(static_cast<long long>(*d)), where};
            }
            if (q.type == QuestionType::ratio && (*d < 0 || *d > 1)) {
                // Say it in percent, as the cell shows it; a bare 78 most likely meant 78%.
                const std::string shown = number_literal(*d * 100);
                const std::string as_percent = shown.substr(0, shown.size() - (shown.ends_with(".0") ? 2 : 0)) + "%";
                if (!c->percent && !percent && *d > 1 && *d <= 100)
                    error(where, "割合は 0〜100% です。" + text + "% のつもりなら「" + text + "%」または " + number_literal(*d / 100) + " と書いてください",
                          "a share is 0-100%; for " + text + "% write \"" + text + "%\" or " + number_literal(*d / 100));
                else
                    error(where, "割合は 0〜100% です（このセルは " + as_percent + "）", "a share is 0-100% (this cell holds " + as_percent + ")");
                return std::nullopt;
            }
            return Value{number_literal(*d), where};
        }
        case QuestionType::choice: {
            if (is_number) text = c->text;
            for (const auto& choice : q.choices)
                if (text == choice.label.ja || text == choice.label.en || text == choice.id) return Value{toml_string(choice.id), where};
            std::string list;
            for (const auto& choice : q.choices) list += (list.empty() ? "" : "、") + ("「" + choice.label.ja + "」");
            error(where, "「" + text + "」は選択肢にありません。次から選んでください: " + list,
                  "\"" + text + "\" is not one of the choices; choose from the list");
            return std::nullopt;
        }
        case QuestionType::date: {
            if (is_number) {
                if (const auto d = excel_serial_to_date(c->number); d && d->year >= 1990 && d->year <= 2100) {
                    if (!c->date) hint(where, "数値 " + c->text + " を日付（シリアル値）として読みました");
                    return Value{d->str(), where};
                }
                error(where, "日付ではありません（" + c->text + "）。2026/4/1 のように書きます", "not a date (" + c->text + "); write e.g. 2026-04-01");
                return std::nullopt;
            }
            bool changed = false;
            if (const auto d = parse_date_text(half_width(text, changed))) return Value{d->str(), where};
            error(where, "日付として読めません（「" + text + "」）。2026/4/1 のように書きます",
                  "cannot read a date (\"" + text + "\"); write e.g. 2026-04-01");
            return std::nullopt;
        }
        default: return std::nullopt;
    }
}

Annotations Reader::read_annotations(const XlsxSheet& s, std::uint32_t row, std::uint32_t na_col, bool has_na, std::uint32_t notes_col) {
    Annotations a;
    if (has_na) {
        const CellRef at{row, na_col};
        if (const std::string text = cell_text(s.find(at)); !text.empty()) {
            const engine::NaReason* reason = nullptr;
            for (const auto& r : engine::na_reasons())
                if (text == r.label.ja || text == r.label.en || text == r.id) reason = &r;
            if (reason) a.na = Value{toml_string(reason->id), place(s, at)};
            else {
                std::string list;
                for (const auto& r : engine::na_reasons()) list += (list.empty() ? "" : "、") + ("「" + r.label.ja + "」");
                error(place(s, at), "該当なしの理由「" + text + "」は選択肢にありません。次から選んでください: " + list,
                      "\"" + text + "\" is not a not-applicable reason; choose from the list");
            }
        }
    }
    for (std::uint32_t i = 0; i < 4; ++i) {
        const CellRef at{row, notes_col + i};
        const XlsxCell* c = s.find(at);
        if (!c) continue;
        const std::string text = c->kind == XlsxCell::Kind::number ? c->text : cell_text(c);
        if (!text.empty()) a.notes[i] = Value{toml_string(text), place(s, at)};
    }
    return a;
}

void Reader::profile_row(const XlsxSheet& s, std::uint32_t row, const std::string& marker) {
    const CellRef at{row, col_answer + 1};
    for (const auto& e : profile_entries()) {
        if (marker != e.key) continue;
        std::optional<Value> v;
        Question q;
        switch (e.kind) {
            case ProfileEntry::Kind::text: v = read_text(s, at, marker == "code"); break;
            case ProfileEntry::Kind::integer: q.type = QuestionType::integer; v = read_value(s, at, q); break;
            case ProfileEntry::Kind::date: q.type = QuestionType::date; v = read_value(s, at, q); break;
            case ProfileEntry::Kind::choice: {
                // 類似団体区分 may also be written with ASCII numerals (町村II-1), as the engine understands.
                const XlsxCell* c = s.find(at);
                if (const engine::PeerGroup* g = marker == "peer_group" && c ? engine::find_peer_group(trim(c->text)) : nullptr) {
                    v = Value{toml_string(g->id), place(s, at)};
                    break;
                }
                q.type = QuestionType::choice;
                q.choices = profile_choices(marker);
                v = read_value(s, at, q);
                break;
            }
        }
        Entry& entry = profile_.entries[marker];
        if (entry.question_cell.empty()) entry.question_cell = place(s, at);
        if (v) {
            if (entry.value) error(v->cell, "団体情報の「" + e.label.ja + "」が 2 か所にあります", "the profile's " + std::string(e.key) + " appears twice");
            entry.value = v;
        }
        return;
    }
}

void Reader::area_row(const XlsxSheet& s, std::uint32_t row, const std::string& marker) {
    Section& section = *current_;
    const auto answer_at = CellRef{row, col_answer + 1};
    if (marker == target_marker) {
        Question level;
        level.type = QuestionType::integer;
        if (auto v = read_value(s, answer_at, level)) targets_[section.area] = *v;
        return;
    }
    // Which question, and which part of it, the marker names.
    std::string id = marker, item;
    enum { question, choice_item, table_heading, table_row } kind = question;
    if (const auto slash = marker.find('/'); slash != std::string::npos) {
        id = marker.substr(0, slash), item = marker.substr(slash + 1), kind = choice_item;
    } else if (!marker.empty() && marker.back() == '#') {
        return;  // column headings
    } else if (const auto bracket = marker.find('['); bracket != std::string::npos && marker.back() == ']') {
        id = marker.substr(0, bracket), item = marker.substr(bracket + 1, marker.size() - bracket - 2), kind = table_row;
    }
    if (!plain_id(id)) {
        error(place(s, CellRef{row, col_marker + 1}), "A 列の記号「" + marker + "」が不正です（回答票の A 列は変更しないでください）",
              "invalid marker \"" + marker + "\" in column A (do not edit column A of the questionnaire)");
        return;
    }
    const Question* q = section.rules ? section.rules->find_question(id) : nullptr;
    if (!q) {
        // A question the rules do not ask (an older or newer rule set): init drops it, assess refuses it.
        bool any = false;  // anything written from the answer column on
        for (auto it = s.cells.lower_bound(CellRef{row, col_answer + 1}); it != s.cells.end() && it->first.row == row; ++it)
            any = any || !trim(it->second.text).empty();
        if (!any) return;
        if (drop_unknown_) { ++dropped_; return; }
        Entry& e = section.entries[id];
        if (!e.value) {
            section.order.push_back(id);
            const XlsxCell* c = s.find(answer_at);
            e.value = Value{toml_string(c ? trim(c->text) : ""), place(s, answer_at)};
        }
        return;
    }
    Entry& e = section.entries[id];
    if (std::find(section.order.begin(), section.order.end(), id) == section.order.end()) section.order.push_back(id);

    switch (kind) {
        case question:
            e.question_cell = place(s, answer_at);
            if (q->type == QuestionType::table) {
                if (!prefill_key(*q)) {
                    const std::string text = cell_text(s.find(answer_at));
                    e.explicitly_empty = text == none_word.ja || text == none_word.en;
                    if (!text.empty() && !e.explicitly_empty)
                        error(place(s, answer_at), "表の質問の回答欄には「なし」だけを書けます（行は下の表に書きます）",
                              "a table question's answer cell takes only 'none' (rows go in the table below)");
                }
                return;
            }
            if (q->type != QuestionType::multi_choice) e.value = read_value(s, answer_at, *q);
            e.annotations = read_annotations(s, row, col_na + 1, q->allow_na, col_notes + 1);
            return;
        case choice_item: {
            const engine::Choice* choice = q->find_choice(item);
            if (!choice) return error(place(s, answer_at), "選択肢 " + item + " はこの質問にありません", "choice " + item + " is not one of this question's");
            Question yes_no;
            yes_no.type = QuestionType::boolean;
            if (e.first_item_cell.empty()) e.first_item_cell = place(s, answer_at);
            if (const auto v = read_value(s, answer_at, yes_no)) {
                e.items_answered = true;
                if (v->literal == "true") e.chosen.push_back(choice->id);
            }
            return;
        }
        case table_row: {
            const Question* key = prefill_key(*q);
            Entry::Row r;
            bool answered = false;
            for (std::size_t j = 0; j < q->columns.size(); ++j) {
                const Question& c = q->columns[j];
                const CellRef at{row, static_cast<std::uint32_t>(table_first_col + j + 1)};
                if (&c == key) continue;
                if (auto v = read_value(s, at, c)) {
                    r.cells.emplace_back(c.id, *v);
                    answered = true;
                }
            }
            const auto na_col = static_cast<std::uint32_t>(table_first_col + q->columns.size() + 1);
            r.annotations = read_annotations(s, row, na_col, q->allow_na, na_col + (q->allow_na ? 1 : 0));
            if (!answered && !r.annotations.any()) return;  // a row not filled in
            if (key) {
                if (!key->find_choice(item))
                    return error(place(s, CellRef{row, static_cast<std::uint32_t>(table_first_col + 1)}), "行 " + item + " はこの表にありません",
                                 "row " + item + " is not one of this table's");
                r.cells.insert(r.cells.begin(), {key->id, Value{toml_string(item), place(s, CellRef{row, table_first_col + 1})}});
            }
            e.rows.push_back(std::move(r));
            return;
        }
        default: return;
    }
}

void Reader::sheet(const XlsxSheet& s) {
    // Rows in order; a section marker switches where the rows that follow belong.
    std::uint32_t last_row = 0;
    for (const auto& [at, cell] : s.cells) {
        if (at.column != col_marker + 1 || at.row == last_row) continue;
        last_row = at.row;
        const std::string marker = trim(cell.text);
        if (marker.empty()) continue;
        if (marker == profile_marker) {
            current_ = &profile_;
            seen_any_ = true;
            continue;
        }
        if (marker.rfind(area_marker, 0) == 0) {
            const std::string area = marker.substr(std::string(area_marker).size());
            if (!plain_id(area)) {
                error(place(s, at), "A 列の領域の記号「" + marker + "」が不正です（回答票の A 列は変更しないでください）",
                      "invalid area marker \"" + marker + "\" in column A (do not edit column A of the questionnaire)");
                current_ = nullptr;
                continue;
            }
            auto it = std::find_if(areas_.begin(), areas_.end(), [&](const Section& x) { return x.area == area; });
            if (it == areas_.end()) {
                Section sec;
                sec.area = area;
                for (const engine::RuleSet* rs : rule_sets_)
                    if (rs->area == area) sec.rules = rs;
                areas_.push_back(std::move(sec));
                it = std::prev(areas_.end());
            }
            current_ = &*it;
            seen_any_ = true;
            continue;
        }
        if (!current_) continue;
        if (current_ == &profile_) profile_row(s, at.row, marker);
        else if (!current_->rules && drop_unknown_) ++dropped_;
        else area_row(s, at.row, marker);
    }
    current_ = nullptr;  // a section never runs on into the next sheet
}

/// One line of the answers text, with the cells its values came from.
struct Line {
    std::string text;
    std::vector<WorkbookAnswers::Origin> origins;
    void add(const std::string& s, const std::string& cell = "") {
        if (!cell.empty()) origins.push_back({static_cast<std::uint32_t>(code_points(text) + 1), cell});
        text += s;
    }
    void value(const Value& v) { add(v.literal, v.cell); }
};

void put(WorkbookAnswers& out, Line line) {
    out.toml += line.text + "\n";
    out.lines.push_back(std::move(line.origins));
}

/// ", na = …, note = …" (without the leading comma when `first`).
void annotations_into(Line& l, const Annotations& a, bool first = false) {
    const auto key = [&](const std::string& k) {
        l.add((first ? "" : ", ") + k + " = ");
        first = false;
    };
    if (a.na) {
        key("na");
        l.value(*a.na);
    }
    for (int i = 0; i < 4; ++i)
        if (a.notes[i]) {
            key(note_keys[i]);
            l.value(*a.notes[i]);
        }
}

void Reader::emit_area(const Section& section, WorkbookAnswers& out) {
    put(out, Line{"", {}});
    put(out, Line{"[" + section.area + "]", {}});
    for (const auto& id : section.order) {
        const Entry& e = section.entries.at(id);
        const Question* q = section.rules ? section.rules->find_question(id) : nullptr;
        Line l;
        if (q && q->type == QuestionType::table) {
            if (e.rows.empty()) {
                if (e.explicitly_empty) {
                    l.add(id + " = ", e.question_cell);
                    l.add("[]");
                    put(out, std::move(l));
                }
                continue;
            }
            put(out, Line{id + " = [", {}});
            for (const auto& r : e.rows) {
                Line row;
                row.add("  { ");
                bool first = true;
                for (const auto& [col, v] : r.cells) {
                    row.add((first ? "" : ", ") + col + " = ");
                    row.value(v);
                    first = false;
                }
                annotations_into(row, r.annotations, first);  // a row of notes only: the engine names what it lacks
                row.add(" },");
                put(out, std::move(row));
            }
            put(out, Line{"]", {}});
            continue;
        }
        std::optional<Value> value = e.value;
        if (q && q->type == QuestionType::multi_choice && e.items_answered) {
            std::string list = "[";
            for (std::size_t i = 0; i < e.chosen.size(); ++i) list += (i ? ", " : "") + toml_string(e.chosen[i]);
            value = Value{list + "]", e.first_item_cell};
        }
        if (!value && !e.annotations.any()) continue;
        l.add(id + " = ");
        if (!e.annotations.any()) {
            l.value(*value);
        } else {
            l.add("{ ");
            if (value) {
                l.add("value = ");
                l.value(*value);
                annotations_into(l, e.annotations);
            } else {
                annotations_into(l, e.annotations, true);
            }
            l.add(" }");
        }
        put(out, std::move(l));
    }
}

WorkbookAnswers Reader::finish() {
    // A required profile entry left empty is named by its cell and label, as the workbook shows it.
    for (const auto& e : profile_entries()) {
        const auto it = profile_.entries.find(e.key);
        if (e.required && it != profile_.entries.end() && !it->second.value)
            error(it->second.question_cell, "「" + e.label.ja + "」を記入してください（必須）", e.label.en + " is required");
    }
    if (!seen_any_)
        errors_.push_back(Diagnostic{Location{path_}, Text{"回答票のシートがありません（dxassess init --format xlsx で作ったブックを使ってください）",
                                                            "no questionnaire sheet found (use a workbook made by dxassess init --format xlsx)"}});
    if (!errors_.empty()) throw engine::InputError(std::move(errors_));
    WorkbookAnswers out;
    put(out, Line{"# dxassess: " + path_ + " から読んだ回答 / answers read from the workbook", {}});
    put(out, Line{"[profile]", {}});
    for (const auto& e : profile_entries()) {
        const auto it = profile_.entries.find(e.key);
        if (it == profile_.entries.end() || !it->second.value) continue;
        Line l;
        l.add(std::string(e.key) + " = ");
        l.value(*it->second.value);
        put(out, std::move(l));
    }
    if (!targets_.empty()) {
        put(out, Line{"", {}});
        put(out, Line{"[targets]", {}});
        for (const auto& section : areas_) {
            const auto t = targets_.find(section.area);
            if (t == targets_.end()) continue;
            Line l;
            l.add(section.area + " = ");
            l.value(t->second);
            put(out, std::move(l));
        }
    }
    for (const auto& section : areas_) emit_area(section, out);
    out.hints = std::move(hints_);
    out.dropped = dropped_;
    return out;
}

}  // namespace

std::string WorkbookAnswers::place(const std::string& path, std::uint32_t line, std::uint32_t column) const {
    if (line == 0 || line > lines.size() || lines[line - 1].empty()) return path;
    const auto& origins = lines[line - 1];
    const Origin* best = &origins.front();
    for (const auto& o : origins)
        if (column >= o.column) best = &o;
    return path + ": " + best->cell;
}

namespace {
WorkbookAnswers answers_of(const XlsxBook& book, const std::string& path, const std::vector<const engine::RuleSet*>& rule_sets,
                           bool drop_unknown) {
    Reader reader(path, rule_sets, drop_unknown);
    for (const auto& s : book.sheets) reader.sheet(s);
    return reader.finish();
}
}  // namespace

WorkbookAnswers read_questionnaire_bytes(std::string_view bytes, const std::string& path,
                                         const std::vector<const engine::RuleSet*>& rule_sets, bool drop_unknown) {
    return answers_of(read_xlsx(bytes, path), path, rule_sets, drop_unknown);
}

WorkbookAnswers read_questionnaire(const std::string& path, const std::vector<const engine::RuleSet*>& rule_sets, bool drop_unknown) {
    return answers_of(read_xlsx_file(path), path, rule_sets, drop_unknown);
}

engine::Answers check_workbook_answers(const WorkbookAnswers& read, const std::string& path, const engine::AnswerSchema& schema) {
    try {
        return engine::parse_answers(read.toml, path, schema);
    } catch (const engine::InputError& e) {
        // Place each problem on the cell its line came from; problems of the whole file stay on the file.
        std::vector<Diagnostic> placed;
        for (const auto& d : e.diagnostics()) {
            Diagnostic p = d;
            if (d.where.file == path && d.where.line > 0) p.where = Location{read.place(path, d.where.line, d.where.column)};
            placed.push_back(std::move(p));
        }
        throw engine::InputError(std::move(placed));
    }
}

}  // namespace dxassess::host
