// `dxassess rescore --db FILE --rules DIR`: re-scores every stored answer set under another rule-set
// version and stores the results beside the originals, so years can be compared on one scale.
#include "assessment.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "report_store.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace dxassess::host {

int run_rescore(const GlobalOptions& g, const std::string& db, const std::string& rules_dir, const std::string& label_opt) {
    const engine::Lang lang = g.lang;
    const bool en = lang == engine::Lang::en;
    try {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(db, ec))
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
        ReportStore store(db);
        int done = 0, failed = 0;
        store.begin();
        const bool progress = ::isatty(STDERR_FILENO);
        store.for_each_current(std::nullopt, "original", true, [&](const StoredReport& r) {
            if (progress && (done + failed + 1) % 500 == 0) std::cerr << "\r" << done + failed + 1 << std::flush;
            const std::string where = db + ":" + r.code + ":FY" + std::to_string(r.fiscal_year);
            try {
                const bool json_answers = r.answers_text.find_first_not_of(" \t\r\n") != std::string::npos &&
                                          r.answers_text[r.answers_text.find_first_not_of(" \t\r\n")] == '{';
                engine::Answers answers = json_answers ? engine::parse_answers_json(r.answers_text, where, schema, today_local())
                                                       : engine::parse_answers(r.answers_text, where, schema, today_local());
                const Assessment a = assess(inst, std::move(answers), g.run);
                std::vector<StoredResult> results;
                for (const auto& ar : a.areas) results.push_back({ar.area, ar.rules_version, ar.scored, ar.level, ar.score});
                store.store_rescore(r.id, label, results, a.overall.index);
                ++done;
            } catch (const engine::InputError& e) {
                ++failed;
                std::cerr << where << ": " << (en ? "cannot be re-scored: " : "再採点できません: ") << e.diagnostics().front().message.in(lang) << "\n";
            }
        });
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
