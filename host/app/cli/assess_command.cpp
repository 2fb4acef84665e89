// `dxassess assess ANSWERS [-o DIR] [--format ...]`: assess an answers file and write every report
// form asked for, all or none (an AtomicBatch), then the summary on the terminal.
#include "cli/commands.hpp"
#include "dxassess/engine/file_path.hpp"

#include "assessment/assessment.hpp"
#include "cli/command_support.hpp"
#include "platform/atomic_file.hpp"
#include "platform/os.hpp"
#include "reports/report.hpp"
#include "signing/keys.hpp"
#include "signing/report_signature.hpp"
#include "support/exit_codes.hpp"

#include "dxassess/engine/benchmark.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

namespace dxassess::host {

namespace fs = std::filesystem;
using engine::Lang;

int run_assess(const GlobalOptions& g, const AssessOptions& o) {
    const Lang lang = g.lang;
    try {
        const auto wants = [&](const char* f) { return std::find(o.formats.begin(), o.formats.end(), f) != o.formats.end(); };
        SecretKey key;  // read first: a wrong key file stops before anything is assessed or written
        if (!o.sign_key.empty()) {
            if (!wants("json"))
                throw engine::InputError(engine::Location{o.sign_key}, {"--sign は JSON レポートに署名します。--format に json を含めてください",
                                                                        "--sign signs the JSON report: include json in --format"});
            read_secret_key(o.sign_key, key);
        }
        const Installation inst(search_paths(g), g.run);
        const Assessment a = assess(inst, o.answers_file, g.run);
        std::optional<engine::Benchmark> benchmark;
        if (!o.benchmark_file.empty()) {
            std::vector<std::string> areas;
            for (const auto& w : inst.model().areas) areas.push_back(w.area);
            for (const auto& r : a.areas) areas.push_back(r.area);
            benchmark = engine::load_benchmark(o.benchmark_file, areas, a.answers.profile.peer_group);
        }
        const ReportMeta meta{utc_now(), o.answers_file, benchmark ? &*benchmark : nullptr};
        const auto out = [&](const char* name) { return (engine::file_path(o.output_dir) / name).string(); };

        // As the README shows, `-o out/` makes out/ when it is new; only now, so invalid answers leave nothing behind.
        std::error_code ec;
        fs::create_directories(engine::file_path(o.output_dir), ec);
        if (!fs::is_directory(engine::file_path(o.output_dir), ec)) {
            std::cerr << o.output_dir << ": " << tr(lang, "出力ディレクトリを作れません", "cannot create the output directory")
                      << (ec ? " (" + ec.message() + ")" : std::string()) << "\n";
            return exit_input;
        }
        // Every format is written in full before any is put in place: no half-written report, ever.
        AtomicBatch batch;
        std::vector<std::string> written;
        const auto add = [&](const char* name, const std::string& content) {
            batch.add(out(name), content);
            written.push_back(out(name));
        };
        if (wants("json"))
            add("report.json", o.sign_key.empty() ? render_json(a, meta) : sign_report_text(render_json(a, meta), out("report.json"), key));
        if (wants("md")) add("report.md", render_markdown(a, meta, lang));
        if (wants("html")) add("report.html", render_html(a, meta, lang));
        if (wants("csv")) {
            const CsvHeaders headers = o.csv_headers == "ja" ? CsvHeaders::ja : CsvHeaders::en;
            add("report.csv", render_csv(a, lang, o.bom, headers));
            add("report-notes.csv", render_notes_csv(a, lang, o.bom, headers));
        }
        if (wants("xlsx")) {
            batch.add_with(out("report.xlsx"), [&](const std::string& temp) { write_xlsx(a, meta, lang, temp); });
            written.push_back(out("report.xlsx"));
        }
        batch.commit();
        for (const auto& path : written) std::cout << tr(lang, "レポートを書きました: ", "wrote report: ") << path << "\n";
        if (o.open && !written.empty()) {
            const auto html = std::find_if(written.begin(), written.end(), [](const std::string& p) { return p.size() > 5 && p.ends_with(".html"); });
            open_written(html != written.end() ? *html : written.front(), lang);
        }

        const bool colour = is_terminal(StandardStream::output) && std::getenv("NO_COLOR") == nullptr;
        std::cout << render_text(a, lang, colour);
        for (const auto& r : a.areas) {
            if (!r.scored) {
                std::cerr << "dxassess: " << r.title.in(lang) << ": " << tr(lang, "評価できませんでした: ", "not scored: ")
                          << r.failure.in(lang) << "\n";
            } else if (!r.complete()) {
                // Named by their text, as the questionnaire shows them: ids mean nothing to who answers.
                std::string questions;
                for (std::size_t i = 0; i < r.missing_required.size() && i < 3; ++i)
                    questions += (i ? tr(lang, "、", "; ") : "") + tr(lang, "「", "\"") + r.missing_required[i]->text.in(lang) + tr(lang, "」", "\"");
                if (r.missing_required.size() > 3)
                    questions += tr(lang, " ほか ", " and ") + std::to_string(r.missing_required.size() - 3) + tr(lang, " 問", " more");
                std::cerr << "dxassess: " << r.title.in(lang) << ": "
                          << tr(lang, "評価できません（必須の質問に未回答: ", "cannot be assessed (required questions unanswered: ") << questions
                          << tr(lang, "）", ")") << "\n";
            }
            for (const auto* q : r.ignored)
                std::cerr << "dxassess: " << r.title.in(lang) << ": " << q->id
                          << tr(lang, " は前の回答により質問の対象外のため、回答を使いませんでした",
                                " is not asked after the earlier answers; its answer was not used")
                          << "\n";
        }
        // A refused plugin whose area is still scored (an impostor, a duplicate) is named too, and exits 3.
        for (const auto& p : inst.registry().plugins()) {
            if (p.loaded) continue;
            const bool told = std::any_of(a.areas.begin(), a.areas.end(), [&](const engine::AreaResult& r) {
                return !r.scored && r.failure.en.find(p.file) != std::string::npos;
            });
            if (!told)
                std::cerr << "dxassess: " << tr(lang, "プラグインを拒否しました: ", "plugin refused: ") << p.file << ": " << p.reason.in(lang) << "\n";
        }
        return a.complete() && !inst.registry().any_refused() ? exit_ok : exit_area_missing;
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    }
}

}  // namespace dxassess::host
