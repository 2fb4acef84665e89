// `dxassess init -o FILE`: write the answers template, keeping the answers already in FILE.
#include "cli/commands.hpp"

#include "assessment/answers_template.hpp"
#include "cli/command_support.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"

#include <filesystem>
#include <iostream>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Lang;

int run_init(const GlobalOptions& g, const std::string& output) {
    const Lang lang = g.lang;
    try {
        const Installation inst(search_paths(g), g.run);
        std::error_code ec;
        const bool exists = fs::exists(output, ec);
        // An existing file must parse: its answers are carried over, never silently dropped.
        const engine::AnswerLiterals existing = exists ? engine::read_answer_literals(output) : engine::AnswerLiterals{};
        TemplateStats stats;
        const std::string text = render_answers_template(inst, existing, stats);
        write_file_atomically(output, text);
        std::cout << tr(lang, "回答テンプレートを書きました: ", "wrote the answers template: ") << output << " ("
                  << stats.questions << tr(lang, " 問", " questions");
        if (exists) std::cout << tr(lang, "、記入済みの回答 ", ", kept ") << stats.kept << tr(lang, " 件を保持", " answers");
        std::cout << ")\n";
        return exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
