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
        TemplateStats stats;
        // An existing file is edited in place: new questions are inserted, nothing the user wrote
        // is re-written. It must parse, or it is left untouched.
        const std::string text = exists ? add_new_questions(inst, engine::read_answers_file(output), output, stats)
                                        : render_answers_template(inst, stats);
        write_file_atomically(output, text);
        if (exists) {
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
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
