// The questionnaire workbook: the answers file as an Excel workbook for municipal staff. One sheet
// per area (Japanese sheet names), one row per question with its answer, unit, 該当なし reason and
// notes; tables as pre-filled blocks; drop-down lists and number checks; only answer cells unlocked.
//
// Every row the program reads carries a marker in the hidden column A (docs/cli.md "The questionnaire
// workbook"), so a workbook saved by Excel, LibreOffice or a script reads back the same; the reader
// turns the cells into the same answers text as the TOML route and checks it with the engine.
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/model.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/text.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

struct lxw_workbook;

namespace dxassess::host {

/// What a questionnaire is written from: the model (area names), the rule sets in report order and,
/// optionally, answers to fill in (a new questionnaire has none).
struct QuestionnaireSource {
    const engine::Model* model = nullptr;
    std::vector<const engine::RuleSet*> rule_sets;
    const engine::Answers* answers = nullptr;
    engine::Lang lang = engine::Lang::ja;
};

/// How many questions were written, and how many of them carry an answer.
struct QuestionnaireStats {
    int questions = 0;
    int answered = 0;
};

/// Writes the questionnaire workbook to `path` (atomically: a finished file or none).
QuestionnaireStats write_questionnaire(const std::string& path, const QuestionnaireSource& source);

/// Adds one sheet named `sheet_name` holding every section of the questionnaire one after another
/// (the 回答 sheet of the XLSX report), so next year's answers can start from a report.
void add_questionnaire_sheet(lxw_workbook* workbook, const char* sheet_name, const QuestionnaireSource& source);

/// A sheet name Excel accepts, made from `name`: none of []:*?/\ (replaced by '-'), at most 28
/// characters (31 with a "(2)" suffix), unique among `used` (which it joins).
std::string excel_sheet_name(std::string name, std::set<std::string>& used);

/// The answers a workbook holds, as an answers file's text (TOML), with where each line came from.
struct WorkbookAnswers {
    std::string toml;
    /// Per line of `toml` (index 0 = line 1): the cells it came from, each with the column of `toml`
    /// where its value starts, so an error the engine finds is placed on the cell.
    struct Origin {
        std::uint32_t column = 0;
        std::string cell;  // "テレワーク!C7"
    };
    std::vector<std::vector<Origin>> lines;
    std::vector<std::string> hints;  // cells read with a guess the user should know about (full-width digits, ...)
    int dropped = 0;                 // answers to questions the rules no longer ask (only when dropping them)

    /// "回答.xlsx: テレワーク!C7" for a line and column of `toml`, or the file alone when unknown.
    std::string place(const std::string& path, std::uint32_t line, std::uint32_t column) const;
};

/// Reads the answers of a questionnaire workbook (or of the 回答 sheet of an XLSX report) into
/// answers text. Cell-level problems (a word that is not a choice, text where a number belongs) are
/// InputErrors naming the sheet and cell. With `drop_unknown`, answers to questions the rule sets
/// do not have are left out and counted (init keeps what the rules still ask); otherwise they are
/// passed on, for the engine to refuse with a hint.
WorkbookAnswers read_questionnaire(const std::string& path, const std::vector<const engine::RuleSet*>& rule_sets,
                                   bool drop_unknown = false);

/// The same from a workbook's bytes (the fuzz target's entry).
WorkbookAnswers read_questionnaire_bytes(std::string_view bytes, const std::string& path,
                                         const std::vector<const engine::RuleSet*>& rule_sets, bool drop_unknown = false);

/// Checks workbook answers with the engine, as parse_answers does for a TOML file, with every
/// problem placed on its sheet and cell. Throws engine::InputError.
engine::Answers check_workbook_answers(const WorkbookAnswers& read, const std::string& path, const engine::AnswerSchema& schema);

}  // namespace dxassess::host
