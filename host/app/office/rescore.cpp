// `dxassess rescore --db FILE --rules DIR`: re-scores every stored answer set under another rule-set
// version and stores the results beside the originals, so years can be compared on one scale.
#include "assessment/assessment.hpp"
#include "office/office_commands.hpp"
#include "office/report_store.hpp"
#include "platform/os.hpp"
#include "support/exit_codes.hpp"
#include "support/ordered_pipeline.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

namespace dxassess::host {

int run_rescore(const GlobalOptions& g, const std::string& db, const std::string& rules_dir, const std::string& label_opt) {
    const engine::Lang lang = g.lang;
    const bool en = lang == engine::Lang::en;
    try {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(engine::file_path(db), ec))
            throw engine::InputError(engine::Location{db}, {"データベースが見つかりません", "database not found"});
        std::vector<std::string> rules_dirs{rules_dir};
        rules_dirs.insert(rules_dirs.end(), g.rules_dirs.begin(), g.rules_dirs.end());
        const Installation inst(resolve_search_paths(g.plugin_dirs, rules_dirs, g.lock_file), g.run);
        std::string label = label_opt;
        if (label.empty()) {  // name the scale after the rule-set versions it uses
            for (const auto& a : inst.areas())
                if (a.rules) label += (label.empty() ? "rules:" : ",") + a.area() + "@" + a.rules->version;
        }
        const engine::AnswerSchema schema = inst.answer_schema();
        RunPolicy policy = g.run;
        policy.explain = false;  // only the figures are stored
        // Answer sets are re-scored on every core when every plugin may be called concurrently, a
        // chunk at a time; the results are stored in order on this thread (SQLite takes one writer).
        const unsigned jobs = inst.concurrent(policy) ? std::max(1u, std::thread::hardware_concurrency()) : 1u;
        ReportStore store(db);
        int done = 0, failed = 0;
        store.begin();
        const bool progress = is_terminal(StandardStream::error);
        struct Item {
            long long id = 0;
            std::string where;
            std::string answers_text;
            std::vector<StoredResult> results;
            double index = 0;
            std::string error;
        };
        const auto rescore_one = [&](Item& it) {
            try {
                const auto first = it.answers_text.find_first_not_of(" \t\r\n");
                engine::Answers answers = first != std::string::npos && it.answers_text[first] == '{'
                                              ? engine::parse_answers_json(it.answers_text, it.where, schema)
                                              : engine::parse_answers(it.answers_text, it.where, schema);
                const Assessment a = assess(inst, std::move(answers), policy);
                for (const auto& ar : a.areas) it.results.push_back({ar.area, ar.rules_version, ar.scored && ar.complete(), ar.level, ar.score, ar.completeness(), ar.scored});
                it.index = a.overall.index;
            } catch (const engine::InputError& e) {
                it.error = e.diagnostics().front().message.in(lang);
            }
        };
        const auto store_one = [&](Item& it) {
            if (progress && (done + failed + 1) % 500 == 0) std::cerr << "\r" << done + failed + 1 << std::flush;
            if (!it.error.empty()) {
                ++failed;
                std::cerr << it.where << ": " << (en ? "cannot be re-scored: " : "再採点できません: ") << it.error << "\n";
                return;
            }
            store.store_rescore(it.id, label, it.results, it.index);
            ++done;
        };
        std::vector<Item> chunk;
        const auto flush = [&] {
            ordered_pipeline(chunk.size(), chunk.size(), jobs, [&](std::size_t i) { rescore_one(chunk[i]); },
                             [&](std::size_t i) { store_one(chunk[i]); });
            chunk.clear();
        };
        store.for_each_current(std::nullopt, "original", true, [&](const StoredReport& r) {
            chunk.push_back(Item{r.id, db + ":" + r.code + ":FY" + std::to_string(r.fiscal_year), r.answers_text, {}, 0, {}});
            if (chunk.size() == 256) flush();
        });
        flush();
        store.commit();
        if (progress && done + failed >= 500) std::cerr << "\n";
        std::cout << (en ? "re-scored " : "再採点 ") << done << (en ? " reports on the scale " : " 件、尺度 ") << label;
        if (failed) std::cout << (en ? " (" : "（") << failed << (en ? " could not be re-scored)" : " 件は再採点できません）");
        std::cout << "\n";
        return failed ? exit_input : exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
