// `dxassess collect REPORTS_OR_DIRS... --db FILE`: checks each JSON report (schema version, code
// check digit, fiscal year, rule sets scored with the official digests, answers present) and stores
// the good ones; a bad file is rejected with its reason and the rest go on.
#include "assessment.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "lock_file.hpp"
#include "report_reader.hpp"
#include "report_store.hpp"
#include "sha256.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using engine::Lang;
using engine::Text;

struct Rejection {
    std::string reason;  // stable id, counted in the summary
    Text message;
};

/// The official rule-set digests: from the lock file when one is configured, else the installed rules.
std::map<std::string, std::string> official_digests(const Installation& inst, const SearchPaths& paths) {
    std::map<std::string, std::string> digests;
    if (!paths.lock_file.empty()) return load_lock(paths.lock_file).rule_sets;
    for (const auto& a : inst.areas())
        if (a.rules) digests[a.area()] = a.sha256;
    return digests;
}

/// Checks a parsed report; fills `out` or says why it is rejected.
std::optional<Rejection> check(const json& r, const std::map<std::string, std::string>& official, NewReport& out) {
    const json& m = r.at("municipality");
    out.code = m.value("code", "");
    if (!engine::valid_local_government_code(out.code))
        return Rejection{"bad_code", {"全国地方公共団体コード '" + out.code + "' の検査数字が正しくありません",
                                      "the local government code '" + out.code + "' fails its check digit"}};
    out.fiscal_year = m.value("fiscal_year", 0);
    if (out.fiscal_year < 2000 || out.fiscal_year > 2100)
        return Rejection{"bad_year", {"年度 " + std::to_string(out.fiscal_year) + " が範囲外です（2000〜2100）",
                                      "fiscal year " + std::to_string(out.fiscal_year) + " is out of range (2000..2100)"}};
    out.name = m.value("name", "");
    out.prefecture = m.value("prefecture", "");
    out.population = m.value("population", 0LL);
    out.type = m.contains("type") && m["type"].is_string() ? m["type"].get<std::string>() : std::string();
    if (!r.contains("answers") || !r["answers"].is_object() || r["answers"].value("text", "").empty())
        return Rejection{"no_answers", {"回答が含まれていません（再採点できません）", "the report carries no answers (it could not be re-scored)"}};
    out.answers_text = r["answers"]["text"].get<std::string>();
    for (const auto& rs : r.at("provenance").at("rule_sets")) {
        const std::string area = rs.value("area", "");
        const auto it = official.find(area);
        if (it == official.end() || it->second != rs.value("sha256", ""))
            return Rejection{"rules_not_official",
                             {"領域 " + area + " が公式のルールセットと異なるルール（SHA-256 " + rs.value("sha256", "").substr(0, 12) + "…）で採点されています",
                              "area " + area + " was scored with rules that are not the official set (SHA-256 " +
                                  rs.value("sha256", "").substr(0, 12) + "…)"}};
    }
    out.overall_index = r.at("overall").value("index", 0.0);
    out.overall_level = r.at("overall").value("level", 0);
    for (const auto& a : r.at("areas")) {
        StoredResult s;
        s.area = a.value("id", "");
        s.scored = a.value("status", "") == "scored";
        if (s.scored) {
            s.level = a.value("level", 0);
            s.score = a.value("score", 0);
            s.rules_version = a.contains("rules") ? a["rules"].value("version", "") : std::string();
        }
        out.results.push_back(std::move(s));
    }
    return std::nullopt;
}

}  // namespace

int run_collect(const GlobalOptions& g, const std::vector<std::string>& inputs, const std::string& db_path) {
    const Lang lang = g.lang;
    const bool en = lang == Lang::en;
    try {
        const SearchPaths paths = resolve_search_paths(g.plugin_dirs, g.rules_dirs, g.lock_file);
        const Installation inst(paths, g.run);
        const auto official = official_digests(inst, paths);
        ReportStore store(db_path);
        const std::vector<std::string> files = expand_paths(inputs, [](const std::string& f) { return has_suffix(f, ".json"); }, true);
        int accepted = 0, replaced = 0, duplicate = 0;
        std::map<std::string, int> rejected;
        const bool progress = ::isatty(STDERR_FILENO);
        std::size_t seen = 0;
        for (const auto& file : files) {
            if (progress && ++seen % 500 == 0) std::cerr << "\r" << seen << "/" << files.size() << std::flush;
            NewReport report;
            std::optional<Rejection> rejection;
            try {
                report.report_json = read_text_file(file);  // read once: parsed, hashed and stored
                const json r = parse_report(report.report_json, file);
                rejection = check(r, official, report);
                report.sha256 = sha256_hex(report.report_json);
                report.source_file = file;
            } catch (const engine::InputError& e) {
                const bool version = e.diagnostics().front().message.en.find("report schema") != std::string::npos;
                rejection = Rejection{version ? "schema_version" : "not_a_report", e.diagnostics().front().message};
            } catch (const nlohmann::json::exception& e) {
                rejection = Rejection{"not_a_report", {std::string("レポートの形式が正しくありません: ") + e.what(),
                                                       std::string("malformed report: ") + e.what()}};
            }
            if (rejection) {
                ++rejected[rejection->reason];
                std::cout << (en ? "rejected " : "却下 ") << file << ": [" << rejection->reason << "] " << rejection->message.in(lang) << "\n";
                continue;
            }
            switch (store.ingest(report)) {
                case IngestOutcome::accepted: ++accepted; break;
                case IngestOutcome::replaced:
                    ++replaced;
                    std::cout << (en ? "replaced " : "差し替え ") << report.code << " FY" << report.fiscal_year << " ← " << file << "\n";
                    break;
                case IngestOutcome::duplicate: ++duplicate; break;
            }
        }
        if (progress && seen >= 500) std::cerr << "\n";
        int total_rejected = 0;
        for (const auto& [reason, n] : rejected) total_rejected += n;
        std::cout << (en ? "collected " : "取り込み ") << files.size() << (en ? " files: " : " 件: ") << accepted
                  << (en ? " accepted, " : " 受理、") << replaced << (en ? " replaced, " : " 差し替え、") << duplicate
                  << (en ? " already collected, " : " 取り込み済み、") << total_rejected << (en ? " rejected" : " 却下");
        for (const auto& [reason, n] : rejected) std::cout << " (" << reason << ": " << n << ")";
        std::cout << "\n";
        return total_rejected ? exit_input : exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
