// `dxassess convert IN -o OUT`: an answers file (TOML) to a questionnaire workbook (.xlsx) or back,
// answers, 該当なし reasons, notes and target levels included.
#include "cli/commands.hpp"

#include "assessment/answers_source.hpp"
#include "cli/command_support.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"
#include "workbook/questionnaire.hpp"
#include "workbook/xlsx_book.hpp"

#include <iostream>

namespace dxassess::host {

using engine::Lang;

int run_convert(const GlobalOptions& g, const std::string& input, const std::string& output) {
    const Lang lang = g.lang;
    try {
        if (is_xlsx_path(input) == is_xlsx_path(output))
            throw engine::InputError(engine::Location{output}, {"convert は回答ファイル（.toml）と回答票（.xlsx）の間で変換します。出力の拡張子を変えてください",
                                                                "convert turns an answers file (.toml) into a workbook (.xlsx) or back: "
                                                                "give the output the other extension"});
        const Installation inst(search_paths(g), g.run);
        // Every answer must be one the rules know: a conversion that left something out would not be one.
        const AnswersSource answers = read_answers_source(inst, input);
        for (const auto& h : answers.hints) std::cerr << "dxassess: " << h << "\n";
        if (is_xlsx_path(output)) {
            const QuestionnaireSource q{&inst.model(), inst.rule_sets_in_order(), &answers.answers, lang};
            const QuestionnaireStats stats = write_questionnaire(output, q);
            std::cout << tr(lang, "回答票（Excel）に変換しました: ", "converted to a workbook: ") << output << " (" << stats.answered
                      << tr(lang, " 問に回答)", " questions answered)") << "\n";
        } else {
            write_file_atomically(output, answers.text);
            std::cout << tr(lang, "回答ファイル（TOML）に変換しました: ", "converted to an answers file: ") << output << "\n";
        }
        return exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
