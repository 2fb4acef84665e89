#include "commands.hpp"

#include "answers_template.hpp"
#include "assessment.hpp"
#include "atomic_file.hpp"
#include "exit_codes.hpp"
#include "paths.hpp"
#include "report.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using engine::Lang;

const std::string& tr(Lang lang, const std::string& ja, const std::string& en) { return lang == Lang::en ? en : ja; }

int input_error(const engine::InputError& e, Lang lang) {
    std::cerr << e.format(lang) << "\n";
    return exit_input;
}

SearchPaths paths_for(const GlobalOptions& g) { return resolve_search_paths(g.plugin_dirs, g.rules_dirs); }


}  // namespace

int run_assess(const GlobalOptions& g, const AssessOptions& o) {
    const Lang lang = g.lang;
    std::error_code ec;
    if (!fs::is_directory(o.output_dir, ec)) {
        std::cerr << o.output_dir << ": " << tr(lang, "出力ディレクトリがありません", "output directory does not exist") << "\n";
        return exit_input;
    }
    try {
        const Installation inst(paths_for(g));
        const Assessment a = assess(inst, o.answers_file, today_local());
        const ReportMeta meta{utc_now(), o.answers_file};
        // Render everything first, then write: a failure never leaves one format new and one old.
        std::vector<std::pair<fs::path, std::string>> outputs;
        if (std::find(o.formats.begin(), o.formats.end(), "json") != o.formats.end())
            outputs.emplace_back(fs::path(o.output_dir) / "report.json", render_json(a, meta));
        if (std::find(o.formats.begin(), o.formats.end(), "md") != o.formats.end())
            outputs.emplace_back(fs::path(o.output_dir) / "report.md", render_markdown(a, meta, lang));
        for (const auto& [path, content] : outputs) {
            write_file_atomically(path.string(), content);
            std::cout << tr(lang, "レポートを書きました: ", "wrote report: ") << path.string() << "\n";
        }
        for (const auto& r : a.areas) {
            if (r.scored)
                std::cout << "  " << r.title.in(lang) << ": " << tr(lang, "レベル ", "level ") << r.level << " ("
                          << inst.model().level_name(r.level).in(lang) << "), " << tr(lang, "スコア ", "score ") << r.score << "\n";
            else
                std::cerr << "dxassess: " << r.title.in(lang) << ": " << tr(lang, "評価できませんでした: ", "not scored: ")
                          << r.failure.in(lang) << "\n";
        }
        std::cout << tr(lang, "総合指数 ", "overall index ") << a.overall.index << "\n";
        return a.complete() ? exit_ok : exit_area_missing;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

int run_init(const GlobalOptions& g, const std::string& output) {
    const Lang lang = g.lang;
    try {
        const Installation inst(paths_for(g));
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

int run_plugins(const GlobalOptions& g) {
    const Lang lang = g.lang;
    const SearchPaths paths = paths_for(g);
    PluginRegistry registry;
    registry.discover(paths.plugin_dirs);
    std::cout << tr(lang, "プラグインの検索場所:", "plugin directories:") << "\n";
    for (const auto& d : paths.plugin_dirs) std::cout << "  " << d << "\n";
    if (registry.plugins().empty()) std::cout << tr(lang, "プラグインが見つかりません", "no plugins found") << "\n";
    for (const auto& p : registry.plugins()) {
        if (p.loaded) {
            std::cout << "[" << tr(lang, "読込済", "loaded") << "] " << p.id << " " << p.version << "  area=" << p.area
                      << "  abi=" << p.abi_major << "." << p.abi_minor << "  " << p.name.in(lang) << "\n      " << p.file << "\n";
        } else {
            std::cout << "[" << tr(lang, "拒否", "refused") << "] " << p.file << "\n      " << p.reason.in(lang) << "\n";
        }
    }
    return exit_ok;
}

int run_rules_check(const GlobalOptions& g, const std::vector<std::string>& files_opt) {
    const Lang lang = g.lang;
    const SearchPaths paths = paths_for(g);
    std::vector<std::string> files = files_opt;
    if (files.empty()) {
        for (const auto& dir : paths.rules_dirs) {
            std::error_code ec;
            if (!fs::is_directory(dir, ec)) continue;
            for (const auto& e : fs::directory_iterator(dir, ec))
                if (e.path().extension() == ".toml" && !is_rule_test_file(e.path().string())) files.push_back(e.path().string());
        }
        std::sort(files.begin(), files.end());
    }
    PluginRegistry registry;
    registry.discover(paths.plugin_dirs);
    int failed = 0;
    for (const auto& file : files) {
        try {
            if (fs::path(file).filename() == "model.toml") {
                const auto m = engine::load_model(file);
                std::cout << "OK " << file << " (model " << m.version << ")\n";
                continue;
            }
            const std::string area = engine::peek_rule_set_area(file);
            const PluginRecord* plugin = registry.for_area(area);
            if (!plugin)
                std::cerr << file << ": "
                          << tr(lang, "警告: 領域 '" + area + "' のプラグインがないため、派生事実と関数は未定義として検査します",
                                "warning: no plugin for area '" + area + "'; its facts and functions count as unknown")
                          << "\n";
            const auto rs = engine::load_rule_set(file, plugin ? plugin->symbols : engine::PluginSymbols{});
            std::cout << "OK " << file << " (" << rs.area << " " << rs.version << ": " << rs.questions.size()
                      << tr(lang, " 問, ", " questions, ") << rs.levels.size() << tr(lang, " レベル, ", " levels, ")
                      << rs.checks.size() << tr(lang, " チェック)", " checks)") << "\n";
        } catch (const engine::InputError& e) {
            std::cerr << e.format(lang) << "\n";
            ++failed;
        }
    }
    if (files.empty()) {
        std::cerr << tr(lang, "検査するルールファイルがありません", "no rule files to check") << "\n";
        return exit_input;
    }
    return failed ? exit_input : exit_ok;
}

}  // namespace dxassess::host
