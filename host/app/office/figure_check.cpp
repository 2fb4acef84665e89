#include "office/figure_check.hpp"

#include "assessment/assessment.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <cmath>
#include <cstdio>

namespace dxassess::host {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : " ") + s;
    return out.empty() ? "-" : out;
}

Rejection identity(const std::string& field, const std::string& in_report, const std::string& in_answers) {
    return Rejection{"identity_mismatch",
                     {"municipality." + field + " が '" + in_report + "' ですが、回答の [profile] は '" + in_answers + "' です",
                      "municipality." + field + " is '" + in_report + "' but the answers' [profile] says '" + in_answers + "'"}};
}

Rejection differs(const std::string& where, const std::string& figure, const std::string& in_report, const std::string& rescored) {
    return Rejection{"figures_mismatch", {where + " の " + figure + " がレポートでは " + in_report + "、再採点では " + rescored + " です",
                                          where + ": " + figure + " is " + in_report + " in the report, " + rescored + " when re-scored"}};
}

const char* status_of(const engine::AreaResult& r) { return !r.scored ? "not_scored" : r.complete() ? "scored" : "incomplete"; }

}  // namespace

std::optional<Rejection> check_figures(const Installation& installation, const engine::AnswerSchema& schema, const RunPolicy& policy,
                                       const NewReport& report, const std::string& path) {
    engine::Answers answers;
    try {
        const std::string where = path + " (answers)";
        answers = report.answers_format == "json" ? engine::parse_answers_json(report.answers_text, where, schema)
                                                  : engine::parse_answers(report.answers_text, where, schema);
    } catch (const engine::InputError& e) {
        const auto& d = e.diagnostics().front();
        return Rejection{"bad_answers", {"レポートの回答を読めません: " + d.format(engine::Lang::ja), "the report's answers do not read: " + d.format(engine::Lang::en)}};
    }
    // Who the report is about must be who answered: a report cannot be filed under another code.
    const engine::Profile& p = answers.profile;
    if (report.code != p.code) return identity("code", report.code, p.code);
    if (report.fiscal_year != p.fiscal_year) return identity("fiscal_year", std::to_string(report.fiscal_year), std::to_string(p.fiscal_year));
    if (report.name != p.name) return identity("name", report.name, p.name);
    if (report.prefecture != p.prefecture) return identity("prefecture", report.prefecture, p.prefecture);
    if (report.population != p.population) return identity("population", std::to_string(report.population), std::to_string(p.population));
    if (report.staff != p.staff) return identity("staff", std::to_string(report.staff), std::to_string(p.staff));
    if (report.peer_group != p.peer_group) return identity("peer_group", report.peer_group, p.peer_group);
    if (report.type != p.type) return identity("type", report.type, p.type);

    const Assessment a = assess(installation, std::move(answers), policy);
    const std::size_t n = std::max(a.areas.size(), report.results.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::string at = "areas[" + std::to_string(i) + "]";
        if (i >= report.results.size()) return differs(at, "id", "-", a.areas[i].area);
        if (i >= a.areas.size()) return differs(at, "id", report.results[i].area, "-");
        const StoredResult& claimed = report.results[i];
        const engine::AreaResult& r = a.areas[i];
        if (claimed.area != r.area) return differs(at, "id", claimed.area, r.area);
        const std::string area = "area " + r.area;
        if (claimed.status != status_of(r)) return differs(area, "status", claimed.status, status_of(r));
        if (!r.scored) continue;
        if (claimed.level != r.level) return differs(area, "level", std::to_string(claimed.level), std::to_string(r.level));
        if (claimed.score != r.score) return differs(area, "score", std::to_string(claimed.score), std::to_string(r.score));
        if (std::abs(claimed.completeness - r.completeness()) > 1e-9)
            return differs(area, "required_completeness", number(claimed.completeness), number(r.completeness()));
        std::vector<std::string> checks;
        for (const auto& f : r.findings) checks.push_back(f.check);
        if (claimed.findings != checks) return differs(area, "findings", joined(claimed.findings), joined(checks));
    }
    if (std::abs(report.overall_index - a.overall.index) > 1e-6) return differs("overall", "index", number(report.overall_index), number(a.overall.index));
    if (report.overall_mean_level && std::abs(*report.overall_mean_level - a.overall.mean_level) > 1e-6)
        return differs("overall", "mean_level", number(*report.overall_mean_level), number(a.overall.mean_level));
    if (report.overall_level != a.overall.level) return differs("overall", "level", std::to_string(report.overall_level), std::to_string(a.overall.level));
    return std::nullopt;
}

}  // namespace dxassess::host
