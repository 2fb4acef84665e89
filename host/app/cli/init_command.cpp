// `dxassess init [-o FILE] [--format toml|xlsx] [--from FILE]`: write the answers template or the
// questionnaire workbook, keeping the answers already given (in FILE itself, or in --from).
#include "cli/commands.hpp"
#include "dxassess/engine/file_path.hpp"

#include "assessment/answers_source.hpp"
#include "assessment/answers_template.hpp"
#include "cli/command_support.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"
#include "workbook/questionnaire.hpp"
#include "workbook/xlsx_book.hpp"

#include <filesystem>
#include <iostream>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Lang;

namespace {

void print_hints(const AnswersSource& s) {
    for (const auto& h : s.hints) std::cerr << "dxassess: " << h << "\n";
}

int init_workbook(const GlobalOptions& g, const Installation& inst, const std::string& output, const std::string& from) {
    const Lang lang = g.lang;
    // Answers to carry: --from, else the workbook being replaced. Questions the rules no longer ask are left out.
    std::error_code ec;
    const std::string source = !from.empty() ? from : fs::exists(engine::file_path(output), ec) ? output : "";
    std::optional<AnswersSource> answers;
    if (!source.empty()) {
        answers = read_answers_source(inst, source, true);
        print_hints(*answers);
    }
    QuestionnaireSource q{&inst.model(), inst.rule_sets_in_order(), answers ? &answers->answers : nullptr, lang};
    const QuestionnaireStats stats = write_questionnaire(output, q);
    std::cout << tr(lang, "回答票（Excel）を書きました: ", "wrote the questionnaire workbook: ") << output << " (" << stats.questions
              << tr(lang, " 問", " questions");
    if (answers)
        std::cout << tr(lang, "、うち回答済み ", ", ") << stats.answered << tr(lang, " 問を ", " answered, from ") << source
                  << tr(lang, " から引き継ぎ", "");
    if (answers && answers->dropped > 0)
        std::cout << tr(lang, "。現在のルールにない回答 ", "; ") << answers->dropped
                  << tr(lang, " 件は引き継いでいません", " answers to questions no longer asked were left out");
    std::cout << ")\n";
    return exit_ok;
}

int init_answers_file(const GlobalOptions& g, const Installation& inst, const std::string& output, const std::string& from) {
    const Lang lang = g.lang;
    std::error_code ec;
    const bool exists = fs::exists(engine::file_path(output), ec);
    TemplateStats stats;
    std::string text;
    if (!from.empty()) {
        // Start from other answers (a workbook's cells as answers text, or another answers file),
        // then add the questions they lack, as init does for an existing file.
        const AnswersSource answers = read_answers_source(inst, from, true);
        print_hints(answers);
        text = add_new_questions(inst, answers.text, from, stats);
    } else {
        // An existing file is edited in place: new questions are inserted, nothing the user wrote
        // is re-written. It must parse, or it is left untouched.
        text = exists ? add_new_questions(inst, engine::read_answers_file(output), output, stats) : render_answers_template(inst, stats);
    }
    write_file_atomically(output, text);
    if (exists || !from.empty()) {
        std::cout << tr(lang, "回答ファイルを更新しました: ", "updated the answers file: ") << output << " ("
                  << tr(lang, "新しい質問 ", "added ") << stats.added << tr(lang, " 問を追加", " new questions");
        if (stats.retired > 0)
            std::cout << tr(lang, "、現在のルールにない回答 ", "; ") << stats.retired
                      << tr(lang, " 件をコメントに", " answers to questions no longer asked turned into comments");
        std::cout << tr(lang, "。ほかは書かれたとおりです)", "; everything else is as you wrote it)") << "\n";
    } else {
        std::cout << tr(lang, "回答テンプレートを書きました: ", "wrote the answers template: ") << output << " ("
                  << stats.questions << tr(lang, " 問)", " questions)") << "\n";
    }
    return exit_ok;
}

}  // namespace

int run_init(const GlobalOptions& g, const InitOptions& o) {
    const Lang lang = g.lang;
    try {
        const std::string format = !o.format.empty() ? o.format : is_xlsx_path(o.output) ? "xlsx" : "toml";
        const std::string output = !o.output.empty() ? o.output : format == "xlsx" ? "answers.xlsx" : "answers.toml";
        if ((format == "xlsx") != is_xlsx_path(output))
            throw engine::InputError(engine::Location{output}, {"--format " + format + " の出力のファイル名は ." + format + " で終えてください",
                                                                "the output of --format " + format + " must end in ." + format});
        const Installation inst(search_paths(g), g.run);
        const int status = format == "xlsx" ? init_workbook(g, inst, output, o.from) : init_answers_file(g, inst, output, o.from);
        if (status == exit_ok && o.open) open_written(output, lang);
        return status;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
