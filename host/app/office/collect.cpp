// `dxassess collect REPORTS_OR_DIRS... --db FILE`: checks each JSON report — its form and ranges,
// the official model, rule sets and reference data, every area present, required answers given
// per --min-completeness, its signature (office/signer_check.hpp), and its figures, re-scored from
// its own answers (office/figure_check.hpp) — and stores the good ones; a bad file is rejected
// with its reason and the rest go on.
#include "assessment/installation.hpp"
#include "assessment/lock_file.hpp"
#include "office/figure_check.hpp"
#include "office/office_commands.hpp"
#include "office/report_intake.hpp"
#include "office/report_store.hpp"
#include "office/signer_check.hpp"
#include "platform/os.hpp"
#include "reports/report.hpp"
#include "support/exit_codes.hpp"
#include "support/files.hpp"
#include "support/ordered_pipeline.hpp"
#include "support/sha256.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using engine::Lang;
using engine::Text;

/// What a report must meet: the official digests from the lock file when one is configured (read
/// once), else from the installed model, rule sets and reference data; every area of the model.
IntakePolicy official_policy(const Installation& inst, const SearchPaths& paths, double min_completeness) {
    IntakePolicy policy;
    policy.min_completeness = min_completeness;
    for (const auto& a : inst.areas()) {
        if (!a.rules) continue;
        policy.official[a.area()] = a.sha256;
        policy.official_versions[a.area()] = a.rules->version;
    }
    policy.official_model = inst.model_sha256();
    policy.official_reference = inst.reference_sha256();
    if (!paths.lock_file.empty()) {
        LockFile lock = load_lock(paths.lock_file);
        policy.official = std::move(lock.rule_sets);
        policy.official_model = lock.model;
        if (lock.reference) policy.official_reference = *lock.reference;
    }
    for (const auto& w : inst.model().areas) policy.model_areas.push_back(w.area);
    return policy;
}

}  // namespace

int run_collect(const GlobalOptions& g, const CollectOptions& o) {
    const std::string& db_path = o.db;
    const Lang lang = g.lang;
    const bool en = lang == Lang::en;
    try {
        const SearchPaths paths = search_paths(g);
        const Installation inst(paths, g.run);
        const IntakePolicy policy = official_policy(inst, paths, o.min_completeness);
        const engine::AnswerSchema schema = inst.answer_schema();
        RunPolicy scoring = g.run;
        scoring.explain = false;  // only the figures are compared
        // Plugins that may not be called concurrently re-score one report at a time.
        std::mutex scoring_lock;
        const bool concurrent = inst.concurrent(scoring);
        ReportStore store(db_path);
        const SignerRegistry signers(store.signer_keys(), utc_now().substr(0, 10));
        const std::vector<std::string> files = expand_paths(o.inputs, [](const std::string& f) { return has_suffix(f, ".json"); }, true);
        int accepted = 0, replaced = 0, duplicate = 0;
        std::map<std::string, int> rejected;
        const bool progress = is_terminal(StandardStream::error);
        std::size_t seen = 0;
        // Reports are read and checked on worker threads and stored in order on this thread (SQLite
        // takes one writer); at most `window` reports are in memory at once.
        struct Examined {
            NewReport report;
            std::optional<Rejection> rejection;
        };
        constexpr std::size_t window = 256;
        std::vector<Examined> slots(window);
        const auto examine = [&](std::size_t i) {
            Examined& e = slots[i % window];
            e = Examined{};
            try {
                // The reports a reader reaches next are then on their way from the disk while it checks these.
                if (i + window / 4 < files.size()) advise_will_read(files[i + window / 4]);
                thread_local HashedFile file;  // each reader reuses its buffer
                read_report_file(files[i], file);  // read once: hashed, checked (and kept)
                e.rejection = examine_report(file, files[i], policy, e.report);
                if (!e.rejection) e.rejection = signers.check(file.text(), e.report, o.require_signature);
                if (!e.rejection) {
                    std::unique_lock lock(scoring_lock, std::defer_lock);
                    if (!concurrent) lock.lock();
                    e.rejection = check_figures(inst, schema, scoring, e.report, files[i]);
                }
                if (o.keep_reports) e.report.report_json = file.text();
            } catch (const engine::InputError& err) {
                e.rejection = Rejection{"not_a_report", err.diagnostics().front().message, err.diagnostics().front().where};
            } catch (const std::exception& err) {  // the office's side failed (memory, a plugin's process): not stored unchecked
                e.rejection = Rejection{"check_failed", {std::string("検査できませんでした: ") + err.what(), std::string("could not be checked: ") + err.what()}};
            }
        };
        const auto store_one = [&](std::size_t i) {
            const std::string& file = files[i];
            auto& [report, rejection] = slots[i % window];
            if (progress && ++seen % 500 == 0) std::cerr << "\r" << seen << "/" << files.size() << std::flush;
            if (rejection) {
                ++rejected[rejection->reason];
                const std::string where = rejection->where.file == file ? rejection->where.str() : file;  // file:line:column when known
                std::cout << (en ? "rejected " : "却下 ") << where << ": [" << rejection->reason << "] " << rejection->message.in(lang) << "\n";
                return;
            }
            switch (store.ingest(report)) {
                case IngestOutcome::accepted: ++accepted; break;
                case IngestOutcome::replaced:
                    ++replaced;
                    std::cout << (en ? "replaced " : "差し替え ") << report.code << " FY" << report.fiscal_year << " ← " << file << "\n";
                    break;
                case IngestOutcome::duplicate: ++duplicate; break;
            }
        };
        // Twice as many readers as cores: reading a report that is not in the page cache waits on the disk.
        const unsigned readers = std::clamp(2 * std::thread::hardware_concurrency(), 2u, 16u);
        ordered_pipeline(files.size(), window, readers, examine, store_one);
        store.commit_pending();
        if (progress && seen >= 500) std::cerr << "\n";
        int total_rejected = 0;
        for (const auto& [reason, n] : rejected) total_rejected += n;
        std::cout << (en ? "collected " : "取り込み ") << files.size() << (en ? " files: " : " 件: ") << accepted
                  << (en ? " accepted, " : " 受理、") << replaced << (en ? " replaced, " : " 差し替え、") << duplicate
                  << (en ? " already collected, " : " 取り込み済み、") << total_rejected << (en ? " rejected" : " 却下");
        for (const auto& [reason, n] : rejected) std::cout << " (" << reason << ": " << n << ")";
        std::cout << "\n";
        if (const auto it = rejected.find("incomplete"); it != rejected.end())
            std::cout << (en ? "incomplete reports not collected: " : "回答不足で取り込まなかったレポート: ") << it->second
                      << (en ? " (each named above; --min-completeness sets the share required)" : " 件（上に列挙。必要な割合は --min-completeness）") << "\n";
        return total_rejected ? exit_input : exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
