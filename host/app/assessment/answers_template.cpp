#include "assessment/answers_template.hpp"

#include "support/build_config.hpp"

#include <algorithm>
#include <sstream>

namespace dxassess::host {
namespace {

using engine::Question;
using engine::QuestionType;

/// Existing literal for section/key, or nullptr.
const std::string* find_literal(const engine::AnswerLiterals& lits, const std::string& section, const std::string& key) {
    for (const auto& [s, entries] : lits) {
        if (s != section) continue;
        for (const auto& [k, v] : entries)
            if (k == key) return &v;
    }
    return nullptr;
}

std::string example(const Question& q) {
    switch (q.type) {
        case QuestionType::boolean: return "true";
        case QuestionType::integer: return q.min ? std::to_string(static_cast<long long>(*q.min)) : "0";
        case QuestionType::number: return "0.0";
        case QuestionType::ratio: return "0.5";
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
    if (q.min || q.max) {
        const auto n = [](double d) {
            std::ostringstream os;
            os << d;
            return os.str();
        };
        range = "、" + (q.min ? n(*q.min) : std::string()) + "〜" + (q.max ? n(*q.max) : std::string());
    }
    const std::string unit = q.unit.empty() ? "" : "、単位: " + q.unit;
    return "型: " + ja + range + unit + " / " + en + "\n";
}

void write_question(std::ostringstream& out, const Question& q, const std::string& indent) {
    out << indent << "# ■ " << q.text.ja << (q.required ? "【必須】" : "") << "\n";
    out << indent << "#   " << q.text.en << (q.required ? " (required)" : "") << "\n";
    out << indent << "#   " << type_line(q);
    for (const auto& c : q.choices) out << indent << "#     \"" << c.id << "\" = " << c.label.ja << " / " << c.label.en << "\n";
    for (const auto& c : q.columns) {
        out << indent << "#   列 " << c.id << ": " << c.text.ja << (c.required ? "【必須】" : "") << " / " << c.text.en << "\n";
        out << indent << "#     " << type_line(c);
        for (const auto& ch : c.choices)
            out << indent << "#       \"" << ch.id << "\" = " << ch.label.ja << " / " << ch.label.en << "\n";
    }
    if (!q.help.ja.empty()) out << indent << "#   " << q.help.ja << "\n";
    if (!q.help.en.empty()) out << indent << "#   " << q.help.en << "\n";
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
    {"population", "人口（人）", "population", "380000"},
    {"fiscal_year", "回答の年度（西暦）", "fiscal year of the answers", "2025"},
    {"type", "団体の種類（prefecture / designated_city / city / special_ward / town / village）",
     "kind of government (prefecture, designated_city, city, special_ward, town, village)", "\"city\""},
    {"as_of", "基準日（日数の計算に使う。省略すると評価した日）", "reference date (default: the day of the assessment)", "2025-10-01"},
};

void write_entry(std::ostringstream& out, const std::string& key, const std::string* literal, const std::string& example_value,
                 TemplateStats& stats) {
    if (literal) {
        out << key << " = " << *literal << "\n\n";
        ++stats.kept;
    } else {
        out << "# " << key << " = " << example_value << "  # 例 / example\n\n";
    }
}

}  // namespace

std::string render_answers_template(const Installation& inst, const engine::AnswerLiterals& existing, TemplateStats& stats) {
    std::ostringstream out;
    out << "# dxassess 回答ファイル / answers file (dxassess " << build_config::version << ")\n"
        << "#\n"
        << "# 回答するには、行頭の # を外して値を書き換えてください。未回答の質問はそのままで構いません\n"
        << "# （未回答として扱われ、レポートに一覧されます）。`dxassess init` を再実行すると、新しい質問を\n"
        << "# 追加し、記入済みの回答はそのまま残します。\n"
        << "# To answer, remove the leading # and edit the value. Unanswered questions are listed in the\n"
        << "# report. Re-running `dxassess init` adds new questions and keeps every answer given.\n\n";

    out << "[profile]\n\n";
    std::vector<std::string> written_sections{"profile"};
    for (const auto& f : profile_fields) {
        out << "# ■ " << f.ja << " / " << f.en << "\n";
        write_entry(out, f.key, find_literal(existing, "profile", f.key), f.example, stats);
    }
    for (const auto& [section, entries] : existing) {
        if (section != "profile") continue;
        for (const auto& [k, v] : entries)
            if (std::none_of(std::begin(profile_fields), std::end(profile_fields), [&](const ProfileField& f) { return k == f.key; }))
                out << "# （不明な項目 / unknown field）\n# " << k << " = " << v << "\n\n";
    }

    std::vector<std::string> order;
    for (const auto& w : inst.model().areas) order.push_back(w.area);
    for (const auto& a : inst.areas())
        if (a.rules && std::find(order.begin(), order.end(), a.rules->area) == order.end()) order.push_back(a.rules->area);
    for (const auto& area : order) {
        const auto a = std::find_if(inst.areas().begin(), inst.areas().end(),
                                    [&](const AreaRules& x) { return x.rules && x.rules->area == area; });
        if (a == inst.areas().end()) continue;
        const engine::RuleSet& rs = *a->rules;
        written_sections.push_back(area);
        out << "# " << std::string(70, '=') << "\n# " << rs.title.ja << " / " << rs.title.en << "\n# " << std::string(70, '=') << "\n";
        out << "[" << area << "]\n\n";
        for (const auto& q : rs.questions) {
            ++stats.questions;
            write_question(out, q, "");
            write_entry(out, q.id, find_literal(existing, area, q.id), example(q), stats);
        }
        // Answers to questions the current rules no longer ask: kept, as comments.
        for (const auto& [section, entries] : existing) {
            if (section != area) continue;
            for (const auto& [k, v] : entries)
                if (!rs.find_question(k))
                    out << "# （現在のルールにない回答 / not asked by the current rules）\n# " << k << " = " << v << "\n\n";
        }
    }
    // Sections of areas not installed here (or unknown): kept as they were, so nothing is lost.
    for (const auto& [section, entries] : existing) {
        if (std::find(written_sections.begin(), written_sections.end(), section) != written_sections.end()) continue;
        if (entries.size() == 1 && entries.front().first.empty()) {  // a value outside any section
            out << "# （不明な項目 / unknown entry）\n# " << section << " = " << entries.front().second << "\n\n";
            continue;
        }
        const bool known = inst.model().find_area(section) != nullptr;
        out << "# " << std::string(70, '=') << "\n# " << section
            << (known ? "（この環境に評価プラグインがない領域 / no plugin installed here）" : "（不明な領域 / unknown area）") << "\n";
        out << (known ? "" : "# ") << "[" << section << "]\n";
        for (const auto& [k, v] : entries) {
            out << (known ? "" : "# ") << k << " = " << v << "\n";
            if (known) ++stats.kept;
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace dxassess::host
