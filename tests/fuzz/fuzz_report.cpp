// Reports as the office and `diff` / `explain` read them: the intake's two paths (simdjson fast
// path, nlohmann checked path) through examine_report, then parse_report, explain_area and
// diff_reports. A report may be refused (InputError, or a nlohmann exception that the commands
// word as "not a valid dxassess report"); nothing else may escape.
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

#include "office/report_intake.hpp"
#include "reports/report_diff.hpp"
#include "reports/report_explain.hpp"
#include "reports/report_reader.hpp"
#include "support/sha256.hpp"

using namespace dxassess;

namespace {

/// Everything intake takes from a report, as one comparable value.
std::vector<std::string> fields(const host::NewReport& r, const std::vector<std::string>& digests) {
    std::vector<std::string> f = {r.code, std::to_string(r.fiscal_year), r.name, r.prefecture, std::to_string(r.population), r.type,
                                  r.peer_group, std::to_string(r.staff), r.answers_format, r.answers_text, r.has_signature ? "signed" : "",
                                  std::to_string(r.overall_index), std::to_string(r.overall_level),
                                  r.overall_mean_level ? std::to_string(*r.overall_mean_level) : "-"};
    for (const auto& a : r.results) {
        f.insert(f.end(), {a.area, a.rules_version, a.status, a.scored ? "1" : "0", a.answered_area ? "1" : "0", std::to_string(a.level),
                           std::to_string(a.score), std::to_string(a.completeness)});
        f.insert(f.end(), a.findings.begin(), a.findings.end());
        f.push_back("|");
    }
    f.insert(f.end(), digests.begin(), digests.end());
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::ScratchFile scratch("report.json");
    static host::HashedFile file;
    const std::string text = fuzz::as_text(data, size);
    const std::string& path = scratch.write(text);
    host::IntakePolicy policy;
    policy.model_areas = {"telework", "eltax"};
    try {
        host::read_report_file(path, file);
        // What the fast path accepts, the checked path accepts with the same figures: the fast path
        // is only a shortcut, never a second opinion (it once read a level of 2^32 + 3 as 3).
        host::NewReport fast, checked;
        std::vector<std::string> fast_digests, checked_digests;
        if (host::read_report_fast(file, fast, fast_digests)) {
            try {
                host::read_report_checked(text, path, checked, checked_digests);
            } catch (...) {
                __builtin_trap();
            }
            if (fields(fast, fast_digests) != fields(checked, checked_digests)) __builtin_trap();
        }
        host::NewReport out;
        if (const auto rejection = host::examine_report(file, path, policy, out))
            if (rejection->reason.empty() || rejection->message.ja.empty() || rejection->message.en.empty()) __builtin_trap();
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, path);
    }
    try {
        const nlohmann::ordered_json r = host::parse_report(text, "report.json");
        for (const auto& a : r["areas"])
            (void)host::explain_area(a, r.contains("reference_figures") ? r["reference_figures"] : nlohmann::ordered_json::array(), size % 2);
        (void)host::render_diff_text(host::diff_reports(r, r, "a.json", "b.json"), size % 2);
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, "report.json");
    } catch (const nlohmann::json::exception&) {
        // a well-formed JSON document that is not a report: the commands refuse it with these words
    }
    return 0;
}
