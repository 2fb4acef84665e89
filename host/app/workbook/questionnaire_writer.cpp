// Writes the questionnaire workbook with libxlsxwriter (layout: questionnaire_layout.hpp).
#include "workbook/questionnaire.hpp"
#include "workbook/questionnaire_layout.hpp"

#include "platform/atomic_file.hpp"
#include "platform/os.hpp"

#include "dxassess/engine/scoring.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <map>
#include <regex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace dxassess::host {
namespace {

using namespace questionnaire;
using engine::Lang;
using engine::Question;
using engine::QuestionType;
using engine::Text;

struct Formats {
    lxw_format *title, *intro, *head, *question, *help, *fixed, *answer, *skipped;
    std::map<QuestionType, lxw_format*> answer_by_type, skipped_by_type;
};

lxw_format* answer_format(lxw_workbook* wb, QuestionType t, bool skipped) {
    lxw_format* f = workbook_add_format(wb);
    format_set_unlocked(f);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xB7C3D0);
    format_set_bg_color(f, skipped ? 0xE4E4E4 : 0xFFF9DB);  // answer cells are pale yellow; skipped ones grey
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f);
    switch (t) {
        case QuestionType::integer: format_set_num_format(f, "#,##0"); break;
        case QuestionType::ratio: format_set_num_format(f, "0.0%"); break;
        case QuestionType::date: format_set_num_format(f, "yyyy/mm/dd"); break;
        default: break;
    }
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.intro = workbook_add_format(wb);
    format_set_text_wrap(f.intro);
    format_set_align(f.intro, LXW_ALIGN_VERTICAL_TOP);
    f.head = workbook_add_format(wb);
    format_set_bold(f.head);
    format_set_bg_color(f.head, 0xDCE6F2);
    format_set_border(f.head, LXW_BORDER_THIN);
    format_set_text_wrap(f.head);
    format_set_align(f.head, LXW_ALIGN_VERTICAL_TOP);
    f.question = workbook_add_format(wb);
    format_set_text_wrap(f.question);
    format_set_align(f.question, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.question, LXW_BORDER_THIN);
    format_set_border_color(f.question, 0xB7C3D0);
    f.help = workbook_add_format(wb);
    format_set_text_wrap(f.help);
    format_set_font_size(f.help, 9);
    format_set_font_color(f.help, 0x5B6776);
    format_set_align(f.help, LXW_ALIGN_VERTICAL_TOP);
    f.fixed = workbook_add_format(wb);  // locked, grey: nothing to write here
    format_set_bg_color(f.fixed, 0xF2F2F2);
    format_set_font_color(f.fixed, 0x5B6776);
    format_set_border(f.fixed, LXW_BORDER_THIN);
    format_set_border_color(f.fixed, 0xB7C3D0);
    format_set_text_wrap(f.fixed);
    format_set_align(f.fixed, LXW_ALIGN_VERTICAL_TOP);
    for (QuestionType t : {QuestionType::boolean, QuestionType::integer, QuestionType::number, QuestionType::ratio,
                           QuestionType::choice, QuestionType::multi_choice, QuestionType::date, QuestionType::table}) {
        f.answer_by_type[t] = answer_format(wb, t, false);
        f.skipped_by_type[t] = answer_format(wb, t, true);
    }
    f.answer = f.answer_by_type[QuestionType::choice];
    f.skipped = f.skipped_by_type[QuestionType::choice];
    return f;
}

/// The hidden 選択肢 sheet: one column per distinct list of words too long to be typed into the
/// validation itself, which drop-downs refer to.
class Lists {
public:
    explicit Lists(Lang lang) : sheet_(lang == Lang::en ? "Lists" : "選択肢") {}

    /// The validation formula of a drop-down offering `words`.
    std::string range(const std::vector<std::string>& words) {
        std::string key;
        for (const auto& w : words) key += w + '\x1f';
        auto [it, added] = index_.try_emplace(key, static_cast<int>(columns_.size()));
        if (added) columns_.push_back(words);
        const std::string col = column_name(it->second);
        return "='" + sheet_ + "'!$" + col + "$1:$" + col + "$" + std::to_string(words.size());
    }

    void write(lxw_workbook* wb) {
        if (columns_.empty()) return;
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_.c_str());
        for (std::size_t c = 0; c < columns_.size(); ++c)
            for (std::size_t r = 0; r < columns_[c].size(); ++r)
                worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), columns_[c][r].c_str(), nullptr);
        worksheet_hide(ws);
    }

private:
    static std::string column_name(int index) {
        std::string out;
        for (int c = index + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
        return out;
    }
    std::string sheet_;
    std::map<std::string, int> index_;
    std::vector<std::vector<std::string>> columns_;
};

std::string number_text(double d) {
    std::ostringstream os;
    os << d;
    return os.str();
}

class Writer {
public:
    Writer(lxw_workbook* wb, const QuestionnaireSource& src) : wb_(wb), src_(src), lang_(src.lang), f_(make_formats(wb)), lists_(src.lang) {}

    QuestionnaireStats stats;

    void instructions_sheet();
    void profile_sheet();
    void area_sheet(const engine::RuleSet& rs);
    void all_in_one_sheet(const char* name);
    void finish() { lists_.write(wb_); }

private:
    const std::string& t(const Text& text) const { return text.in(lang_); }
    std::string tr(const char* ja, const char* en) const { return lang_ == Lang::en ? en : ja; }

    lxw_worksheet* new_sheet(const std::string& name);
    void headings(int row);
    void section_title(const std::string& marker, const std::string& title, const std::string& sub);
    void profile_section();
    void area_section(const engine::RuleSet& rs);
    void question_rows(const engine::RuleSet& rs, const Question& q, const engine::AnswerNode* node, bool skipped);
    void table_rows(const engine::RuleSet& rs, const Question& q, const engine::AnswerNode* node, bool skipped);
    void help_row(const std::string& text);
    void write_value(int row, int col, const Question& q, const engine::Value& v, bool skipped);
    void validate(int row, int col, const Question& q);
    void na_cell(int row, int col, const Question& q, const engine::AnswerNode* node, bool skipped);
    void notes_cells(int row, int first_col, const engine::AnswerNode* node, bool skipped);
    void choice_list(int row, int col, const std::vector<std::string>& words);
    std::string skip_reason(const engine::RuleSet& rs, const Question& q) const;
    const engine::AnswerNode* area_answers(const std::string& area) const;

    void text(int row, int col, const std::string& s, lxw_format* f) {
        worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), f);
    }
    void blank(int row, int col, lxw_format* f) { worksheet_write_blank(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f); }

    lxw_workbook* wb_;
    const QuestionnaireSource& src_;
    Lang lang_;
    Formats f_;
    Lists lists_;
    std::set<std::string> used_names_;
    lxw_worksheet* ws_ = nullptr;
    int row_ = 0;
};

lxw_worksheet* Writer::new_sheet(const std::string& name) {
    ws_ = workbook_add_worksheet(wb_, excel_sheet_name(name, used_names_).c_str());
    if (!ws_) throw std::runtime_error("cannot add sheet " + name);
    row_ = 0;
    lxw_row_col_options hidden{};
    hidden.hidden = 1;
    worksheet_set_column_opt(ws_, col_marker, col_marker, 14, nullptr, &hidden);
    worksheet_set_column(ws_, col_question, col_question, 52, nullptr);
    worksheet_set_column(ws_, col_answer, col_answer, 20, nullptr);
    worksheet_set_column(ws_, col_unit, col_unit, 12, nullptr);
    worksheet_set_column(ws_, col_na, col_na, 18, nullptr);
    worksheet_set_column(ws_, col_notes, col_notes + 3, 18, nullptr);
    // Print: A4 landscape, the page width fitted, the headings on every page.
    worksheet_set_paper(ws_, 9);
    worksheet_set_landscape(ws_);
    worksheet_fit_to_pages(ws_, 1, 0);
    worksheet_set_margins(ws_, 0.4, 0.4, 0.5, 0.5);
    // Only answer cells may change; rows and columns may still be resized.
    lxw_protection protection{};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ws_, nullptr, &protection);
    return ws_;
}

void Writer::headings(int row) {
    text(row, col_question, tr("質問", "Question"), f_.head);
    text(row, col_answer, tr("回答", "Answer"), f_.head);
    text(row, col_unit, tr("単位", "Unit"), f_.head);
    text(row, col_na, tr("該当なし（理由）", "Not applicable (reason)"), f_.head);
    for (int i = 0; i < 4; ++i) text(row, col_notes + i, t(note_headings[i]), f_.head);
}

void Writer::section_title(const std::string& marker, const std::string& title, const std::string& sub) {
    text(row_, col_marker, marker, nullptr);
    text(row_, col_question, title, f_.title);
    ++row_;
    if (!sub.empty()) text(row_++, col_question, sub, f_.help);
}

void Writer::help_row(const std::string& s) {
    if (s.empty()) return;
    text(row_, col_question, s, f_.help);
    ++row_;
}

void Writer::choice_list(int row, int col, const std::vector<std::string>& words) {
    lxw_data_validation v{};
    std::string title = tr("選択肢から選んでください", "Choose from the list");
    v.error_title = title.data();
    // A short list goes into the validation itself (Excel's limit is 255 characters; libxlsxwriter 1.1
    // counts bytes, so stay under that in bytes). A longer one refers to the hidden 選択肢 sheet.
    std::size_t bytes = 0;
    for (const auto& w : words) bytes += w.size() + 1;
    std::vector<char*> list;
    std::string formula;
    if (bytes <= 250) {
        for (const auto& w : words) list.push_back(const_cast<char*>(w.c_str()));
        list.push_back(nullptr);
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list.data();
    } else {
        formula = lists_.range(words);
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = formula.data();
    }
    worksheet_data_validation_cell(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &v);
}

void Writer::validate(int row, int col, const Question& q) {
    switch (q.type) {
        case QuestionType::boolean: return choice_list(row, col, {t(yes), t(no)});
        case QuestionType::choice: {
            std::vector<std::string> words;
            for (const auto& c : q.choices) words.push_back(t(c.label));
            return choice_list(row, col, words);
        }
        case QuestionType::integer:
        case QuestionType::number:
        case QuestionType::ratio: {
            lxw_data_validation v{};
            v.validate = q.type == QuestionType::integer ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
            const double lo = q.type == QuestionType::ratio ? 0 : q.min.value_or(-1e15);
            const double hi = q.type == QuestionType::ratio ? 1 : q.max.value_or(1e15);
            v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v.minimum_number = lo;
            v.maximum_number = hi;
            std::string title = tr("数値を確認してください", "Check the number");
            std::string message =
                q.type == QuestionType::ratio ? tr("0%〜100% で書きます（78% は 78% または 0.78）。", "A percentage from 0% to 100%.")
                : q.type == QuestionType::integer ? tr("整数", "A whole number") + std::string(q.min || q.max ? tr("（", " (") : "") +
                                                        (q.min ? number_text(*q.min) : "") + (q.min || q.max ? "〜" : "") +
                                                        (q.max ? number_text(*q.max) : "") + (q.min || q.max ? tr("）", ")") : "")
                                                  : tr("数値", "A number");
            v.error_title = title.data();
            v.error_message = message.data();
            worksheet_data_validation_cell(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &v);
            return;
        }
        case QuestionType::date: {
            lxw_data_validation v{};
            v.validate = LXW_VALIDATION_TYPE_DATE;
            v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v.minimum_datetime = lxw_datetime{1990, 1, 1, 0, 0, 0};
            v.maximum_datetime = lxw_datetime{2100, 12, 31, 0, 0, 0};
            std::string title = tr("日付を確認してください", "Check the date");
            std::string message = tr("日付（例: 2026/4/1）で書きます。", "A date such as 2026-04-01.");
            v.error_title = title.data();
            v.error_message = message.data();
            worksheet_data_validation_cell(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &v);
            return;
        }
        default: return;
    }
}

void Writer::write_value(int row, int col, const Question& q, const engine::Value& v, bool skipped) {
    lxw_format* f = (skipped ? f_.skipped_by_type : f_.answer_by_type)[q.type];
    validate(row, col, q);
    const auto r = static_cast<lxw_row_t>(row);
    const auto c = static_cast<lxw_col_t>(col);
    if (const bool* b = std::get_if<bool>(&v)) text(row, col, t(*b ? yes : no), f);
    else if (const auto* i = std::get_if<std::int64_t>(&v)) worksheet_write_number(ws_, r, c, static_cast<double>(*i), f);
    else if (const double* d = std::get_if<double>(&v)) worksheet_write_number(ws_, r, c, *d, f);
    else if (const auto* s = std::get_if<std::string>(&v)) {
        const engine::Choice* choice = q.find_choice(*s);
        text(row, col, choice ? t(choice->label) : *s, f);
    } else if (const auto* date = std::get_if<engine::Date>(&v)) {
        lxw_datetime dt{date->year, date->month, date->day, 0, 0, 0};
        worksheet_write_datetime(ws_, r, c, &dt, f);
    } else blank(row, col, f);
}

void Writer::na_cell(int row, int col, const Question& q, const engine::AnswerNode* node, bool skipped) {
    if (!q.allow_na) return blank(row, col, f_.fixed);
    std::vector<std::string> words;
    for (const auto& r : engine::na_reasons()) words.push_back(t(r.label));
    choice_list(row, col, words);
    if (node && node->na) text(row, col, t(node->na->label), skipped ? f_.skipped : f_.answer);
    else blank(row, col, skipped ? f_.skipped : f_.answer);
}

void Writer::notes_cells(int row, int first_col, const engine::AnswerNode* node, bool skipped) {
    const engine::AnswerNotes& n = node ? node->notes_or_none() : engine::AnswerNotes{};
    const std::string* values[4] = {&n.note, &n.evidence, &n.owner, &n.answered_by};
    for (int i = 0; i < 4; ++i) text(row, first_col + i, *values[i], skipped ? f_.skipped : f_.answer);
}

std::string Writer::skip_reason(const engine::RuleSet& rs, const Question& q) const {
    if (!q.ask_if) return "";
    // Name the earlier questions the condition reads, by their text: ids mean nothing to the reader.
    static const std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
    const std::string source = q.ask_if->source();
    std::string names;
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(source.begin(), source.end(), identifier); it != std::sregex_iterator(); ++it) {
        const Question* earlier = rs.find_question(it->str());
        if (earlier && earlier != &q && seen.insert(earlier->id).second)
            names += (names.empty() ? "" : tr("・", ", ")) + ("「" + t(earlier->text) + "」");
    }
    if (names.empty()) return tr("前の回答によっては回答不要です。", "Depending on earlier answers, this may not be asked.");
    return lang_ == Lang::en ? "Asked depending on the answer to " + names + "."
                             : names + "の回答によっては回答不要です。";
}

const engine::AnswerNode* Writer::area_answers(const std::string& area) const {
    if (!src_.answers) return nullptr;
    const auto a = src_.answers->areas.find(area);
    return a == src_.answers->areas.end() ? nullptr : &a->second;
}

void Writer::question_rows(const engine::RuleSet& rs, const Question& q, const engine::AnswerNode* node, bool skipped) {
    ++stats.questions;
    if (node && (is_known(node->value) || node->na)) ++stats.answered;
    const std::string question = t(q.text) + (q.required ? tr("【必須】", " (required)") : "");
    text(row_, col_marker, q.id, nullptr);
    text(row_, col_question, question, f_.question);
    if (q.type == QuestionType::multi_choice) {
        text(row_, col_answer, tr("下の各行に はい/いいえ", "yes/no on each row below"), f_.fixed);
        blank(row_, col_unit, f_.fixed);
        na_cell(row_, col_na, q, node, skipped);
        notes_cells(row_, col_notes, node, skipped);
        ++row_;
        const auto* chosen = node ? std::get_if<engine::StringList>(&node->value) : nullptr;
        for (const auto& c : q.choices) {
            text(row_, col_marker, q.id + "/" + c.id, nullptr);
            text(row_, col_question, "　・" + t(c.label), f_.question);
            Question yes_no;
            yes_no.type = QuestionType::boolean;
            engine::Value v;
            if (chosen) v = std::find(chosen->begin(), chosen->end(), c.id) != chosen->end();
            write_value(row_, col_answer, yes_no, v, skipped);
            ++row_;
        }
    } else {
        write_value(row_, col_answer, q, node ? node->value : engine::Value{}, skipped);
        text(row_, col_unit, q.type == QuestionType::ratio ? "%" : q.unit, f_.fixed);
        na_cell(row_, col_na, q, node, skipped);
        notes_cells(row_, col_notes, node, skipped);
        ++row_;
    }
    std::string help = t(q.help);
    if (q.ask_if) {
        const std::string why = skip_reason(rs, q);
        help = (skipped ? tr("【回答不要】前の回答により、この質問は対象外です。", "[Not asked] earlier answers make this question not apply. ") + why
                        : why) + (help.empty() ? "" : " " + help);
    }
    help_row(help);
}

void Writer::table_rows(const engine::RuleSet& rs, const Question& q, const engine::AnswerNode* node, bool skipped) {
    ++stats.questions;
    if (node && node->is_list && !node->items.empty()) ++stats.answered;
    text(row_, col_marker, q.id, nullptr);
    text(row_, col_question, t(q.text) + (q.required ? tr("【必須】", " (required)") : ""), f_.question);
    const Question* key = prefill_key(q);
    std::string help = t(q.help);
    if (key) {
        text(row_, col_answer, tr("下の表に記入", "fill in the table below"), f_.fixed);
    } else {
        // A free table may be answered "none" here, which differs from leaving it unanswered.
        choice_list(row_, col_answer, {t(none_word)});
        const bool none = node && node->is_list && node->items.empty();
        text(row_, col_answer, none ? t(none_word) : "", skipped ? f_.skipped : f_.answer);
        help = tr("1 件もなければ回答欄で「なし」を選びます。", "If there are none, choose 'none' in the answer cell. ") + help;
    }
    ++row_;
    if (q.ask_if) help = skip_reason(rs, q) + (help.empty() ? "" : " " + help);
    help_row(help);

    // Column headings of the table.
    const int ncols = static_cast<int>(q.columns.size());
    const int na_col = table_first_col + ncols;
    const int notes_col = na_col + (q.allow_na ? 1 : 0);
    text(row_, col_marker, q.id + "#", nullptr);
    for (int j = 0; j < ncols; ++j) {
        const Question& c = q.columns[static_cast<std::size_t>(j)];
        std::string heading = t(c.text) + (c.required ? "【必須】" : "");
        if (!c.unit.empty()) heading += "（" + c.unit + "）";
        text(row_, table_first_col + j, heading, f_.head);
    }
    if (q.allow_na) text(row_, na_col, tr("該当なし（理由）", "Not applicable (reason)"), f_.head);
    for (int i = 0; i < 4; ++i) text(row_, notes_col + i, t(note_headings[i]), f_.head);
    ++row_;

    const auto row_of = [&](const engine::AnswerNode* r, const std::string& marker) {
        text(row_, col_marker, marker, nullptr);
        for (int j = 0; j < ncols; ++j) {
            const Question& c = q.columns[static_cast<std::size_t>(j)];
            const engine::AnswerNode* cell = r ? r->member(c.id) : nullptr;
            if (&c == key) {
                const std::string id = marker.substr(q.id.size() + 1, marker.size() - q.id.size() - 2);
                const engine::Choice* choice = c.find_choice(id);
                text(row_, table_first_col + j, choice ? t(choice->label) : id, f_.question);
            } else {
                write_value(row_, table_first_col + j, c, cell ? cell->value : engine::Value{}, skipped);
            }
        }
        if (q.allow_na) na_cell(row_, na_col, q, r, skipped);
        notes_cells(row_, notes_col, r, skipped);
        ++row_;
    };

    const std::vector<engine::AnswerNode> none;
    const std::vector<engine::AnswerNode>& rows = node && node->is_list ? node->items : none;
    if (key) {
        // One row per choice of the key, in the rules' order; answered rows keep their answers.
        for (const auto& choice : key->choices) {
            const engine::AnswerNode* answered = nullptr;
            for (const auto& r : rows)
                if (const auto* k = r.member(key->id); k && std::get_if<std::string>(&k->value) && std::get<std::string>(k->value) == choice.id)
                    answered = &r;
            row_of(answered, q.id + "[" + choice.id + "]");
        }
    } else {
        for (const auto& r : rows) row_of(&r, q.id + "[]");
        // Room for more rows: the sheet is protected, so rows cannot be inserted.
        const int room = q.max_rows ? std::max(0, *q.max_rows - static_cast<int>(rows.size())) : 15;
        for (int i = 0; i < room; ++i) row_of(nullptr, q.id + "[]");
    }
    ++row_;
}

void Writer::profile_section() {
    section_title(profile_marker, tr("団体の情報", "Municipality"),
                  tr("すべての領域が使う情報です。一度だけ答えます。", "Used by every area; answered once."));
    headings(row_++);
    const engine::Profile* p = src_.answers ? &src_.answers->profile : nullptr;
    for (const auto& e : profile_entries()) {
        text(row_, col_marker, e.key, nullptr);
        text(row_, col_question, t(e.label), f_.question);
        const std::string key = e.key;
        Question q;  // the entry as a question, for its validation and format
        q.id = key;
        engine::Value v;
        switch (e.kind) {
            case ProfileEntry::Kind::text: {
                q.type = QuestionType::choice;  // written as text, no list
                if (p) v = key == "code" ? p->code : key == "name" ? p->name : p->prefecture;
                if (auto* s = std::get_if<std::string>(&v); s && s->empty()) v = {};
                text(row_, col_answer, v.index() ? std::get<std::string>(v) : "", f_.answer);
                break;
            }
            case ProfileEntry::Kind::integer: {
                q.type = QuestionType::integer;
                q.min = key == "fiscal_year" ? 2000 : 1;
                q.max = key == "fiscal_year" ? 2100 : 100'000'000;
                const std::int64_t n = !p ? 0 : key == "population" ? p->population : key == "staff" ? p->staff : p->fiscal_year;
                if (n > 0) v = n;
                write_value(row_, col_answer, q, v, false);
                break;
            }
            case ProfileEntry::Kind::choice: {
                q.type = QuestionType::choice;
                q.choices = profile_choices(key);
                if (p) v = key == "type" ? p->type : p->peer_group;
                write_value(row_, col_answer, q, v, false);
                break;
            }
            case ProfileEntry::Kind::date: {
                q.type = QuestionType::date;
                if (p && p->as_of.valid()) v = p->as_of;
                write_value(row_, col_answer, q, v, false);
                break;
            }
        }
        for (int c = col_unit; c < col_notes + 4; ++c) blank(row_, c, f_.fixed);
        ++row_;
        help_row(t(e.help));
    }
    ++row_;
}

void Writer::area_section(const engine::RuleSet& rs) {
    const engine::AreaWeight* w = src_.model ? src_.model->find_area(rs.area) : nullptr;
    section_title(area_marker + rs.area, t(w ? w->title : rs.title), rs.plan.empty() ? "" : tr("評価基準: ", "Criteria: ") + rs.plan.version);
    headings(row_++);
    // The area's target level (optional), as [targets] in the answers file.
    text(row_, col_marker, target_marker, nullptr);
    text(row_, col_question, tr("この領域の目標レベル（任意、0〜5。例: 3 年後の目標）", "Target level for this area (optional, 0-5)"), f_.question);
    Question level;
    level.type = QuestionType::integer;
    level.min = 0;
    level.max = 5;
    engine::Value target;
    if (src_.answers)
        if (const auto it = src_.answers->targets.find(rs.area); it != src_.answers->targets.end()) target = std::int64_t{it->second};
    write_value(row_, col_answer, level, target, false);
    text(row_, col_unit, tr("レベル", "level"), f_.fixed);
    for (int c = col_na; c < col_notes + 4; ++c) blank(row_, c, f_.fixed);
    ++row_;

    const engine::AnswerNode* answers = area_answers(rs.area);
    // With answers, the questions their ask_if turns off are greyed (they may still be answered).
    static const std::map<std::string, engine::Value> no_facts;
    std::optional<engine::AreaEnvironment> env;
    if (src_.answers)
        env.emplace(rs, answers, src_.answers->profile, no_facts, [](const std::string&, const std::vector<engine::Value>&) { return engine::Value{}; });
    for (std::size_t i = 0; i < rs.questions.size(); ++i) {
        const Question& q = rs.questions[i];
        const bool skipped = env && env->state(i) == engine::AreaEnvironment::QuestionState::skipped;
        const engine::AnswerNode* node = answers ? answers->member(q.id) : nullptr;
        if (q.type == QuestionType::table) table_rows(rs, q, node, skipped);
        else question_rows(rs, q, node, skipped);
    }
    ++row_;
}

void Writer::instructions_sheet() {
    new_sheet(tr("記入方法", "How to answer"));
    worksheet_set_column(ws_, col_question, col_question, 100, nullptr);
    text(row_++, col_question, tr("DX 推進状況の自己評価 回答票", "DX self-assessment questionnaire"), f_.title);
    if (src_.model && !src_.model->plan.edition.empty())
        text(row_++, col_question, tr("評価基準: ", "Criteria: ") + t(src_.model->plan.title) + " " + src_.model->plan.edition.version + "（" +
                                        src_.model->plan.edition.date.str() + "）", f_.help);
    ++row_;
    const std::vector<std::string> lines = lang_ == Lang::en
        ? std::vector<std::string>{
              "1. Answer in the yellow cells only; the other cells are protected. Choose from the drop-down lists where they appear.",
              "2. The 'Municipality' sheet first: the code, population, fiscal year and reference date (基準日) are used by every area.",
              "3. Answer as of the reference date. Percentages may be typed as 78% or 0.78; dates as 2026/4/1.",
              "4. What the prefecture or a wide-area union does for you: choose a 'not applicable' reason instead of an answer.",
              "5. Notes, evidence (a file name or URL), department and who answered may be written beside each answer; they appear in the report's appendix.",
              "6. Tables list every procedure or system: answer each row. Grey questions do not apply given earlier answers.",
              "7. Hand each area's sheet to the department in charge; the coordinator collects the workbook and runs: dxassess assess <this file> -o report/",
              "8. Unanswered questions are listed in the report; an area lacking required answers is reported as not assessed."}
        : std::vector<std::string>{
              "1. 黄色のセルだけに記入します（ほかのセルは保護されています）。一覧（▼）があるセルは一覧から選びます。",
              "2. 最初に「団体情報」シートに、団体コード・人口・年度・基準日を書きます。すべての領域がこれを使います。",
              "3. 基準日時点の状況を答えます。割合は 78% または 0.78、日付は 2026/4/1 のように書けます。",
              "4. 県や広域連合・一部事務組合が実施していて自団体にない手続・業務は、回答の代わりに「該当なし（理由）」を選びます。",
              "5. 回答ごとに 備考・根拠資料（ファイル名や URL）・担当部署・回答者 を書き添えられます。レポートの付録に載ります。",
              "6. 表の質問は、手続・業務ごとに 1 行です。灰色の質問は、前の回答により回答不要です。",
              "7. 各領域のシートを所管の課に渡して記入してもらい、取りまとめ担当が次のように評価します: dxassess assess このファイル.xlsx -o report/",
              "8. 未回答の質問はレポートに一覧されます。必須の質問が未回答の領域は「評価できません」と表示されます。"};
    for (const auto& l : lines) text(row_++, col_question, l, f_.intro);
    ++row_;
    text(row_++, col_question, tr("シート", "Sheets"), f_.head);
    text(row_++, col_question, tr("団体情報", "Municipality"), f_.question);
    for (const engine::RuleSet* rs : src_.rule_sets) {
        const engine::AreaWeight* w = src_.model ? src_.model->find_area(rs->area) : nullptr;
        text(row_++, col_question, t(w ? w->short_title : rs->title) + " — " + t(w ? w->title : rs->title), f_.question);
    }
}

void Writer::profile_sheet() {
    new_sheet(tr("団体情報", "Municipality"));
    profile_section();
    worksheet_freeze_panes(ws_, 3, 0);
    worksheet_repeat_rows(ws_, 2, 2);
}

void Writer::area_sheet(const engine::RuleSet& rs) {
    const engine::AreaWeight* w = src_.model ? src_.model->find_area(rs.area) : nullptr;
    new_sheet(t(w ? w->short_title : rs.title));
    area_section(rs);
    const int heading_row = rs.plan.empty() ? 1 : 2;
    worksheet_freeze_panes(ws_, static_cast<lxw_row_t>(heading_row + 1), 0);
    worksheet_repeat_rows(ws_, static_cast<lxw_row_t>(heading_row), static_cast<lxw_row_t>(heading_row));
}

void Writer::all_in_one_sheet(const char* name) {
    new_sheet(name);
    profile_section();
    for (const engine::RuleSet* rs : src_.rule_sets) area_section(*rs);
}

}  // namespace

std::string excel_sheet_name(std::string name, std::set<std::string>& used) {
    for (char& c : name)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
    // Cut at 31 code points, never inside a UTF-8 sequence.
    std::size_t cut = 0, points = 0;
    while (cut < name.size() && points < 28) {
        ++points;
        ++cut;
        while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
    }
    name = name.substr(0, cut);
    std::string unique = name;
    for (int n = 2; used.count(unique); ++n) unique = name + "(" + std::to_string(n) + ")";
    used.insert(unique);
    return unique;
}

QuestionnaireStats write_questionnaire(const std::string& path, const QuestionnaireSource& source) {
    QuestionnaireStats stats;
    AtomicBatch batch;
    batch.add_with(path, [&](const std::string& temporary) {
        lxw_workbook* wb = workbook_new(path_for_c_library(temporary).c_str());  // it opens the file with fopen()
        if (!wb) throw std::runtime_error(path + ": cannot create the workbook");
        Writer w(wb, source);
        w.instructions_sheet();
        w.profile_sheet();
        for (const engine::RuleSet* rs : source.rule_sets) w.area_sheet(*rs);
        w.finish();
        stats = w.stats;
        if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
            throw std::runtime_error(path + ": cannot write the workbook (" + lxw_strerror(e) + ")");
    });
    batch.commit();
    return stats;
}

void add_questionnaire_sheet(lxw_workbook* workbook, const char* sheet_name, const QuestionnaireSource& source) {
    Writer w(workbook, source);
    w.all_in_one_sheet(sheet_name);
    w.finish();
}

}  // namespace dxassess::host
