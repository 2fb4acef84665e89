#include "assessment/answers_template.hpp"

#include "support/build_config.hpp"
#include "workbook/questionnaire_layout.hpp"

#include "dxassess/engine/answers.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace dxassess::host {
namespace {

using engine::Question;
using engine::QuestionType;

std::string number_text(double d) {
    std::ostringstream os;
    os << d;
    return os.str();
}

/// A plausible value for the example line: the middle of the range rather than a bare 0.
std::string example(const Question& q) {
    switch (q.type) {
        case QuestionType::boolean: return "true";
        case QuestionType::integer: return number_text(q.min && *q.min > 0 ? *q.min * 10 : 10);
        case QuestionType::number: return q.min ? number_text(*q.min) : "1.0";
        case QuestionType::ratio: return "0.45";
        case QuestionType::choice: return "\"" + q.choices.front().id + "\"";
        case QuestionType::multi_choice: return "[\"" + q.choices.front().id + "\"]";
        case QuestionType::date: return "2025-04-01";
        case QuestionType::table: {
            std::string row;
            for (const auto& c : q.columns) row += (row.empty() ? "" : ", ") + c.id + " = " + example(c);
            return "[ { " + row + " } ]";
        }
    }
    return "";
}

std::string type_line(const Question& q) {
    std::string ja, en;
    switch (q.type) {
        case QuestionType::boolean: ja = "true（はい）/ false（いいえ）"; en = "true / false"; break;
        case QuestionType::integer: ja = "整数"; en = "integer"; break;
        case QuestionType::number: ja = "数値"; en = "number"; break;
        case QuestionType::ratio: ja = "割合 0〜1（45% は 0.45）"; en = "ratio 0..1 (45% is 0.45)"; break;
        case QuestionType::choice: ja = "次のどれか 1 つ"; en = "one of the choices"; break;
        case QuestionType::multi_choice: ja = "次から複数（配列）"; en = "any of the choices (an array)"; break;
        case QuestionType::date: ja = "日付 YYYY-MM-DD（引用符なし）"; en = "date YYYY-MM-DD (no quotes)"; break;
        case QuestionType::table: ja = "表（1 行 1 テーブルの配列）"; en = "table (an array of rows)"; break;
    }
    std::string range;
    if (q.min || q.max)
        range = "、" + (q.min ? number_text(*q.min) : std::string()) + "〜" + (q.max ? number_text(*q.max) : std::string());
    const std::string unit = q.unit.empty() ? "" : "、単位: " + q.unit;
    return "型: " + ja + range + unit + " / " + en + "\n";
}

std::string na_reason_list() {
    std::string list;
    for (const auto& r : engine::na_reasons()) list += (list.empty() ? "" : " / ") + ("\"" + r.id + "\" " + r.label.ja);
    return list;
}

/// The comments describing a question, then its entry: an example to uncomment, or for a table
/// with a choice key, the rows of every choice, live (a row naming only its key is not an answer).
std::string question_block(const Question& q) {
    std::ostringstream out;
    out << "# ■ " << q.text.ja << (q.required ? "【必須】" : "") << "\n";
    out << "#   " << q.text.en << (q.required ? " (required)" : "") << "\n";
    out << "#   " << type_line(q);
    for (const auto& c : q.choices) out << "#     \"" << c.id << "\" = " << c.label.ja << " / " << c.label.en << "\n";
    const Question* key = questionnaire::prefill_key(q);
    for (const auto& c : q.columns) {
        out << "#   列 " << c.id << ": " << c.text.ja << (c.required ? "【必須】" : "") << " / " << c.text.en << "\n";
        out << "#     " << type_line(c);
        if (&c == key) continue;  // its choices are the rows below
        for (const auto& ch : c.choices) out << "#       \"" << ch.id << "\" = " << ch.label.ja << " / " << ch.label.en << "\n";
    }
    if (!q.help.ja.empty()) out << "#   " << q.help.ja << "\n";
    if (!q.help.en.empty()) out << "#   " << q.help.en << "\n";
    if (q.ask_if)
        out << "#   次の場合だけ回答します / answer only when: " << q.ask_if->source() << "\n";
    if (q.allow_na) {
        if (q.type == QuestionType::table)
            out << "#   該当しない行には na = \"理由\" を書きます（例: { " << (key ? key->id + " = \"" + key->choices.front().id + "\", " : "")
                << "na = \"wide_area\" }）。理由: " << na_reason_list() << "\n";
        else
            out << "#   該当しない場合: " << q.id << " = { na = \"理由\", note = \"…\" }。理由: " << na_reason_list() << "\n";
    }
    if (key) {
        const std::string rows = example(q);  // "[ { … } ]"
        out << "#   各行に回答を書き足してください（例: " << rows.substr(2, rows.size() - 4) << "）。\n";
        out << q.id << " = [\n";
        for (const auto& ch : key->choices)
            out << "  { " << key->id << " = \"" << ch.id << "\" },  # " << ch.label.ja << "\n";
        out << "]\n\n";
    } else {
        out << "# " << q.id << " = " << example(q) << "  # 例 / example\n\n";
    }
    return out.str();
}

struct ProfileField {
    const char* key;
    const char* ja;
    const char* en;
    const char* example;
};

const ProfileField profile_fields[] = {
    {"code", "全国地方公共団体コード（6 桁、引用符で囲む。6 桁目は検査数字）", "local government code (6 digits, quoted)", "\"142018\""},
    {"name", "団体名", "municipality name", "\"横須賀市\""},
    {"prefecture", "都道府県", "prefecture", "\"神奈川県\""},
    {"population", "人口: 1月1日時点の住民基本台帳人口（人）。総務省の統計表と同じ分母です",
     "population: the resident register on 1 January (the denominator of the national tables)", "380000"},
    {"fiscal_year", "回答の年度（西暦）", "fiscal year of the answers", "2025"},
    {"type", "団体の種類（prefecture / designated_city / city / special_ward / town / village）",
     "kind of government (prefecture, designated_city, city, special_ward, town, village)", "\"city\""},
    {"staff", "一般行政職員数（4月1日時点、定員管理調査と同じ）。テレワーク・AI・研修の割合に使います",
     "general administrative staff (1 April, as in the staffing survey); used for telework, AI and training shares", "3400"},
    {"peer_group", "類似団体区分（例: 「町村Ⅱ-1」「都市Ⅲ-2」「中核市」。財政状況資料集の表紙に載っています）",
     "peer group (類似団体区分, e.g. 町村Ⅱ-1, 都市Ⅲ-2, 中核市; printed on the 財政状況資料集)", "\"中核市\""},
    {"as_of", "基準日: この日時点の状況を答えます（省略すると年度の 4月1日）",
     "reference date: answers describe this day (default: 1 April of the fiscal year)", "2025-10-01"},
};

std::string profile_block(const ProfileField& f) {
    return std::string("# ■ ") + f.ja + " / " + f.en + "\n# " + f.key + " = " + f.example + "  # 例 / example\n\n";
}

std::string banner(const engine::RuleSet& rs) {
    const std::string rule(70, '=');
    return "# " + rule + "\n# " + rs.title.ja + " / " + rs.title.en + "\n# " + rule + "\n";
}

std::string area_section(const engine::RuleSet& rs, TemplateStats& stats) {
    std::string out = banner(rs) + "[" + rs.area + "]\n\n";
    for (const auto& q : rs.questions) {
        ++stats.questions;
        out += question_block(q);
    }
    return out;
}

const char* file_header =
    "#\n"
    "# 回答するには、行頭の # を外して値を書き換えてください。未回答の質問はそのままで構いません\n"
    "# （レポートに一覧されます）。`dxassess init` を再実行すると新しい質問だけを書き足し、\n"
    "# 記入済みの回答やコメントはそのまま残します。\n"
    "# 備考・根拠資料・担当部署・回答者は、回答を { } で囲んで書き添えられます:\n"
    "#   staff_eligible = { value = 120, note = \"4月1日時点\", evidence = \"テレワーク対象者名簿.xlsx\", owner = \"総務課\", answered_by = \"山田\" }\n"
    "# 表の行にも同じ項目（note, evidence, owner, answered_by）を書けます。\n"
    "# To answer, remove the leading # and edit the value. Unanswered questions are listed in the\n"
    "# report. Re-running `dxassess init` adds new questions only and keeps your answers and comments.\n"
    "# Notes go with an answer as { value = …, note = \"…\", evidence = \"…\", owner = \"…\", answered_by = \"…\" }.\n\n";

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r\n") == std::string::npos; }

/// Keys written as comments in lines [from, to): the template's unanswered examples (`# id = …`).
std::set<std::string> commented_keys(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    static const std::regex example(R"(^\s*#\s*([A-Za-z_][A-Za-z0-9_]*)\s*=)");
    std::set<std::string> out;
    std::smatch m;
    for (std::size_t i = from; i < to && i < lines.size(); ++i)
        if (std::regex_search(lines[i], m, example)) out.insert(m[1]);
    return out;
}

/// Where to add lines at the end of a section that ends before line index `end`: above the next
/// section's banner, if it has one, so new questions stay under their own heading.
std::size_t insertion_point(const std::vector<std::string>& lines, std::size_t header, std::size_t end) {
    std::size_t at = end;
    while (at > header + 1 && is_blank(lines[at - 1])) --at;
    if (at > header + 1 && lines[at - 1].rfind("# ====", 0) == 0) {  // the banner's closing rule
        std::size_t top = at - 1;
        while (top > header + 1 && lines[top - 1].rfind("#", 0) == 0 && lines[top - 1].rfind("# ====", 0) != 0) --top;
        if (top > header + 1 && lines[top - 1].rfind("# ====", 0) == 0) return top - 1;
    }
    return end;
}

}  // namespace

std::string render_answers_template(const Installation& inst, TemplateStats& stats) {
    std::string out = std::string("# dxassess 回答ファイル / answers file (dxassess ") + build_config::version + ")\n";
    if (const engine::Plan& plan = inst.model().plan; !plan.edition.empty())
        out += "# 評価基準 / criteria: " + plan.title.ja + " " + plan.edition.version + "（" + plan.edition.date.str() + "）\n";
    out += file_header;
    out += "[profile]\n\n";
    for (const auto& f : profile_fields) out += profile_block(f);
    for (const engine::RuleSet* rs : inst.rule_sets_in_order()) out += area_section(*rs, stats);
    return out;
}

std::string add_new_questions(const Installation& inst, const std::string& text, const std::string& path, TemplateStats& stats) {
    const engine::AnswerFileLayout layout = engine::read_answer_layout(text, path);
    std::vector<std::string> lines = split_lines(text);
    std::vector<std::string> inserts(lines.size() + 1);  // text to add before line index i
    std::vector<bool> retire(lines.size(), false);
    std::string appended;

    // Adds to section `name` the blocks of the ids it lacks; a section with no [header] (dotted
    // keys or an inline table) is left alone: assess names what it lacks.
    const auto add_missing = [&](const std::string& name, const std::vector<std::pair<std::string, std::string>>& blocks) {
        const engine::AnswerFileLayout::Section* s = layout.find(name);
        if (!s || s->header_line == 0) return false;
        const std::size_t header = s->header_line - 1;
        const std::uint32_t next = layout.next_header(s->header_line);
        const std::size_t end = next == 0 ? lines.size() : next - 1;
        const std::set<std::string> commented = commented_keys(lines, header + 1, end);
        std::string added;
        for (const auto& [id, block] : blocks)
            if (!s->has(id) && !commented.count(id)) {
                added += block;
                ++stats.added;
            }
        if (!added.empty()) {
            const std::size_t at = insertion_point(lines, header, end);
            if (at > 0 && !lines[at - 1].empty() && lines[at - 1].back() != '\n') lines[at - 1] += "\n";
            inserts[at] += (at > 0 && !is_blank(lines[at - 1]) ? "\n" : "") + added;
        }
        return true;
    };

    std::vector<std::pair<std::string, std::string>> profile;
    for (const auto& f : profile_fields) profile.emplace_back(f.key, profile_block(f));
    if (!add_missing("profile", profile)) {
        if (!layout.find("profile")) {
            appended += "[profile]\n\n";
            for (const auto& f : profile_fields) appended += profile_block(f);
        }
    }

    for (const engine::RuleSet* rs : inst.rule_sets_in_order()) {
        stats.questions += static_cast<int>(rs->questions.size());
        std::vector<std::pair<std::string, std::string>> blocks;
        for (const auto& q : rs->questions) blocks.emplace_back(q.id, question_block(q));
        if (add_missing(rs->area, blocks)) {
            // Answers to questions the rules no longer ask would be refused by assess: keep them, as comments.
            for (const auto& key : layout.find(rs->area)->keys) {
                const bool header_rows = std::binary_search(layout.headers.begin(), layout.headers.end(), key.line);
                if (rs->find_question(key.name) || key.line == 0 || header_rows) continue;
                inserts[key.line - 1] += "# （現在のルールにない回答 / not asked by the current rules）\n";
                for (std::uint32_t l = key.line; l <= key.end_line && l <= lines.size(); ++l) retire[l - 1] = true;
                ++stats.retired;
            }
        } else if (!layout.find(rs->area)) {
            TemplateStats ignored;
            appended += "\n" + area_section(*rs, ignored);
            stats.added += static_cast<int>(rs->questions.size());
        }
    }

    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += inserts[i] + (retire[i] ? "# " : "") + lines[i];
    out += inserts[lines.size()];
    if (!appended.empty()) {
        if (!out.empty() && out.back() != '\n') out += "\n";
        out += appended;
    }
    // What was written must still parse, with every section it had: checked before it replaces the file.
    const engine::AnswerFileLayout after = engine::read_answer_layout(out, path);
    for (const auto& s : layout.sections)
        if (!after.find(s.name))
            throw engine::InputError(engine::Location{path}, {"新しい質問を安全に書き足せませんでした（" + s.name + "）",
                                                              "could not add the new questions safely (" + s.name + ")"});
    return out;
}

}  // namespace dxassess::host
