// Answers from a file in any form municipal staff keep them: an answers file (TOML) or a
// questionnaire workbook (.xlsx — one made by `init --format xlsx`, or the 回答 sheet of an XLSX report).
#pragma once

#include "assessment/installation.hpp"

#include "dxassess/engine/answers.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct AnswersSource {
    engine::Answers answers;  // checked against the installation's rule sets
    std::string text;         // as an answers file (TOML): the file itself, or the workbook's cells written out
    bool from_workbook = false;
    std::vector<std::string> hints;  // cells read with a guess ("…: テレワーク!C7: 全角の数字を半角として読みました")
    int dropped = 0;                 // answers to questions no longer asked, left out (only with drop_unknown)
};

/// Reads and checks answers; a workbook's problems name the sheet and cell. With `drop_unknown`,
/// a workbook's answers to questions the rules no longer ask are left out and counted rather than
/// refused (init carries a workbook forward to new rules). Throws engine::InputError.
AnswersSource read_answers_source(const Installation& inst, const std::string& path, bool drop_unknown = false);

}  // namespace dxassess::host
