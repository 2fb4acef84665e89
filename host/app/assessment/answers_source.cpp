#include "assessment/answers_source.hpp"

#include "workbook/questionnaire.hpp"
#include "workbook/xlsx_book.hpp"

namespace dxassess::host {

AnswersSource read_answers_source(const Installation& inst, const std::string& path, bool drop_unknown) {
    AnswersSource out;
    if (is_xlsx_path(path)) {
        const WorkbookAnswers read = read_questionnaire(path, inst.rule_sets_in_order(), drop_unknown);
        out.answers = check_workbook_answers(read, path, inst.answer_schema());
        out.text = read.toml;
        out.from_workbook = true;
        out.hints = read.hints;
        out.dropped = read.dropped;
    } else {
        out.text = engine::read_answers_file(path);
        out.answers = engine::parse_answers(out.text, path, inst.answer_schema());
    }
    return out;
}

}  // namespace dxassess::host
