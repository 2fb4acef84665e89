#include "commands.hpp"

#include "answers_template.hpp"
#include "assessment.hpp"
#include "atomic_file.hpp"
#include "exit_codes.hpp"
#include "lock_file.hpp"
#include "paths.hpp"
#include "report.hpp"

#include "dxassess/engine/benchmark.hpp"
#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <unistd.h>
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

SearchPaths paths_for(const GlobalOptions& g) { return resolve_search_paths(g.plugin_dirs, g.rules_dirs, g.lock_file); }


}  // namespace

int run_assess(const GlobalOptions& g, const AssessOptions& o) {
    const Lang lang = g.lang;
    std::error_code ec;
    if (!fs::is_directory(o.output_dir, ec)) {
        std::cerr << o.output_dir << ": " << tr(lang, "出力ディレクトリがありません", "output directory does not exist") << "\n";
        return exit_input;
    }
    try {
        const Installation inst(paths_for(g), g.run);
        const Assessment a = assess(inst, o.answers_file, today_local(), g.run);
        std::optional<engine::Benchmark> benchmark;
        if (!o.benchmark_file.empty()) {
            std::vector<std::string> areas;
            for (const auto& w : inst.model().areas) areas.push_back(w.area);
            for (const auto& r : a.areas) areas.push_back(r.area);
            benchmark = engine::load_benchmark(o.benchmark_file, areas);
        }
        const ReportMeta meta{utc_now(), o.answers_file, benchmark ? &*benchmark : nullptr};
        const auto wants = [&](const char* f) { return std::find(o.formats.begin(), o.formats.end(), f) != o.formats.end(); };
        const auto out = [&](const char* name) { return (fs::path(o.output_dir) / name).string(); };

        // Every format is written in full before any is put in place: no half-written report, ever.
        AtomicBatch batch;
        std::vector<std::string> written;
        const auto add = [&](const char* name, const std::string& content) {
            batch.add(out(name), content);
            written.push_back(out(name));
        };
        if (wants("json")) add("report.json", render_json(a, meta));
        if (wants("md")) add("report.md", render_markdown(a, meta, lang));
        if (wants("html")) add("report.html", render_html(a, meta, lang));
        if (wants("csv")) add("report.csv", render_csv(a, lang, o.bom));
        if (wants("xlsx")) {
            batch.add_with(out("report.xlsx"), [&](const std::string& temp) { write_xlsx(a, meta, lang, temp); });
            written.push_back(out("report.xlsx"));
        }
        batch.commit();
        for (const auto& path : written) std::cout << tr(lang, "レポートを書きました: ", "wrote report: ") << path << "\n";

        const bool colour = ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
        std::cout << render_text(a, lang, colour);
        for (const auto& r : a.areas)
            if (!r.scored)
                std::cerr << "dxassess: " << r.title.in(lang) << ": " << tr(lang, "評価できませんでした: ", "not scored: ")
                          << r.failure.in(lang) << "\n";
        return a.complete() ? exit_ok : exit_area_missing;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

int run_init(const GlobalOptions& g, const std::string& output) {
    const Lang lang = g.lang;
    try {
        const Installation inst(paths_for(g), g.run);
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

int run_plugins(const GlobalOptions& g, const std::string& write_lock, bool check) {
    const Lang lang = g.lang;
    try {
        const SearchPaths paths = paths_for(g);
        const Installation inst(paths, g.run);
        std::cout << tr(lang, "プラグインの検索場所:", "plugin directories:") << "\n";
        for (const auto& d : paths.plugin_dirs) std::cout << "  " << d << "\n";
        if (inst.registry().plugins().empty()) std::cout << tr(lang, "プラグインが見つかりません", "no plugins found") << "\n";
        for (const auto& p : inst.registry().plugins()) {
            if (p.loaded)
                std::cout << "[" << tr(lang, "読込済", "loaded") << "] " << p.id << " " << p.version << "  area=" << p.area << "  abi="
                          << p.abi_major << "." << p.abi_minor << (p.shipped ? "" : tr(lang, "  （分離して実行）", "  (isolated)"))
                          << (p.concurrent ? tr(lang, "  （並行実行可）", "  (concurrent)") : "") << "  "
                          << p.name.in(lang) << "\n      " << p.file << "\n      sha256 " << p.sha256 << "\n";
            else
                std::cout << "[" << tr(lang, "拒否", "refused") << "] " << p.file << "\n      " << p.reason.in(lang) << "\n";
        }
        int failed = 0;
        for (const auto& a : inst.areas()) {
            if (a.rules) continue;
            ++failed;
            std::cout << "[" << tr(lang, "ルール不可", "rules refused") << "] " << a.area() << "\n      " << a.failure.in(lang) << "\n";
        }
        if (!write_lock.empty()) {
            write_file_atomically(write_lock, render_lock(inst));
            std::cout << tr(lang, "ロックファイルを書きました: ", "wrote the lock file: ") << write_lock << "\n";
        }
        if (check) {
            for (const auto& p : inst.registry().plugins()) failed += p.loaded ? 0 : 1;
            if (paths.lock_file.empty()) {
                std::cerr << tr(lang, "--check にはロックファイルが必要です（--lock-file、DXASSESS_LOCK_FILE、設定ファイルの lock_file）",
                                "--check needs a lock file (--lock-file, DXASSESS_LOCK_FILE or lock_file in the settings)") << "\n";
                return exit_input;
            }
            std::cout << (failed ? tr(lang, "ロックファイルと一致しないものがあります: ", "does not match the lock file: ")
                                 : tr(lang, "ロックファイルと一致しました: ", "matches the lock file: "))
                      << paths.lock_file << "\n";
            return failed ? exit_area_missing : exit_ok;
        }
        return exit_ok;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

int run_rules_check(const GlobalOptions& g, const std::vector<std::string>& files_opt) {
    const Lang lang = g.lang;
    const SearchPaths paths = paths_for(g);
    std::vector<std::string> files = files_opt;
    if (files.empty()) {
        for (const auto& dir : paths.rules_dirs) {
            const auto found = files_in(dir, [](const std::string& f) { return has_suffix(f, ".toml") && !is_rule_test_file(f); });
            files.insert(files.end(), found.begin(), found.end());
        }
    }
    PluginRegistry registry;
    registry.set_probe(g.run.timeout_seconds, g.run.isolate_all);
    registry.discover(paths.plugin_dirs, paths.shipped_plugin_dir);
    int failed = 0;
    for (const auto& file : files) {
        try {
            if (fs::path(file).filename() == "model.toml") {
                const auto m = engine::load_model(file);
                std::cout << "OK " << file << " (model " << m.version << ")\n";
                continue;
            }
            const std::string area = engine::peek_rule_set(file).area;
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
