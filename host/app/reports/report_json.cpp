// The JSON report (schema: docs/report.schema.json). Both languages are included: the JSON is
// compared across municipalities and must not depend on the reader's --lang.
#include "reports/report.hpp"

#include "platform/os.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"
#include "support/build_config.hpp"

#include "dxassess/engine/annotations.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

json text(const engine::Text& t) { return json{{"ja", t.ja}, {"en", t.en}}; }

json value(const engine::Value& v) {
    struct Visitor {
        json operator()(std::monostate) const { return nullptr; }
        json operator()(bool b) const { return b; }
        json operator()(std::int64_t i) const { return i; }
        json operator()(double d) const { return d; }
        json operator()(const std::string& s) const { return s; }
        json operator()(const engine::Date& d) const { return d.str(); }
        json operator()(const engine::StringList& l) const { return l; }
    };
    return std::visit(Visitor{}, v);
}

json inputs(const std::vector<engine::Input>& in) {
    json arr = json::array();
    for (const auto& i : in)
        arr.push_back({{"name", i.name}, {"label", text(i.label)}, {"value", value(i.value)}, {"display", text(i.display)}});
    return arr;
}

json criterion(const engine::CriterionResult& c) {
    return {{"id", c.id}, {"text", text(c.text)}, {"condition", c.condition}, {"outcome", value(c.outcome)},
            {"applicable", c.applicable}, {"inputs", inputs(c.inputs)}};
}

json questions(const std::vector<const engine::Question*>& list) {
    json out = json::array();
    for (const auto* q : list) out.push_back({{"id", q->id}, {"text", text(q->text)}});
    return out;
}

json optional_text(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

/// Every 該当なし and every note of the area's answers (schema 1.1).
json annotations(const engine::RuleSet* rules, const engine::AnswerNode* answers) {
    json out = json::array();
    if (!rules) return out;
    for (const auto& n : engine::annotations(*rules, answers)) {
        out.push_back({{"question", n.question->id},
                       {"question_text", text(n.question->text)},
                       {"row", optional_text(n.row)},
                       {"row_text", n.row.empty() ? json(nullptr) : text(n.row_label)},
                       {"na", n.na ? json{{"reason", n.na->id}, {"label", text(n.na->label)}} : json(nullptr)},
                       {"note", optional_text(n.notes->note)},
                       {"evidence", optional_text(n.notes->evidence)},
                       {"owner", optional_text(n.notes->owner)},
                       {"answered_by", optional_text(n.notes->answered_by)}});
    }
    return out;
}

json diagnostics(const engine::AreaResult& r) {
    json out = json::array();
    for (const auto& d : r.diagnostics)
        out.push_back({{"severity", engine::severity_name(d.severity)}, {"answer", d.answer_key}, {"message", text(d.message)}});
    return out;
}

json area(const engine::AreaResult& r, const engine::Model& model, const std::string& rules_file) {
    json a = {{"id", r.area}, {"title", text(r.title)}, {"status", area_status(r)}};
    if (!r.scored) {
        a["reason"] = text(r.failure);
        a["diagnostics"] = diagnostics(r);
        return a;
    }
    a["rules"] = {{"version", r.rules_version}, {"file", rules_file}};
    a["level"] = r.level;
    a["level_name"] = text(area_level_name(model, r));
    a["score"] = r.score;
    a["answered"] = r.answered;
    a["questions"] = r.question_count;
    a["completeness"] = r.question_count ? static_cast<double>(r.answered) / r.question_count : 1.0;
    a["required_completeness"] = r.completeness();
    a["missing_required"] = questions(r.missing_required);
    a["skipped"] = questions(r.skipped);
    a["ignored_answers"] = questions(r.ignored);

    json findings = json::array();
    for (const auto& f : r.findings) {
        json j = {{"check", f.check}, {"severity", engine::severity_name(f.severity)}, {"title", text(f.title)},
                  {"advice", text(f.advice)}, {"source", f.source}, {"inputs", inputs(f.inputs)}};
        if (!f.caveat.empty()) j["caveat"] = text(f.caveat);
        findings.push_back(std::move(j));
    }
    a["findings"] = std::move(findings);

    json gap = nullptr;
    if (r.level < 5) {
        gap = {{"target_level", r.level + 1}, {"target_level_name", text(level_name_of(model, r, r.level + 1))},
               {"blocked_by_unanswered", r.next_level_unknown()}, {"criteria", json::array()}};
        for (const auto* c : r.gap()) gap["criteria"].push_back(criterion(*c));
    }
    a["gap"] = std::move(gap);
    json done = json::array();
    for (const auto* c : r.done_above()) done.push_back(criterion(*c));
    a["done_above"] = std::move(done);

    json unanswered = json::array();
    for (const auto* q : r.unanswered) unanswered.push_back({{"id", q->id}, {"text", text(q->text)}, {"required", q->required}});
    a["unanswered"] = std::move(unanswered);
    a["unchecked"] = r.unchecked;
    a["not_applicable_checks"] = r.not_applicable_checks;

    json facts = json::object();
    for (const auto& [k, v] : r.facts) facts[k] = value(v);
    a["facts"] = std::move(facts);

    a["diagnostics"] = diagnostics(r);

    json levels = json::array();
    for (const auto& l : r.levels) {
        json lj = {{"level", l.level}, {"holds", l.holds()}, {"met", l.met()}, {"total", static_cast<int>(l.criteria.size())},
                   {"applicable", l.applicable()}, {"source", l.source}, {"criteria", json::array()}};
        if (!l.caveat.empty()) lj["caveat"] = text(l.caveat);
        for (const auto& c : l.criteria) lj["criteria"].push_back(criterion(c));
        levels.push_back(std::move(lj));
    }
    a["levels"] = std::move(levels);
    return a;
}

}  // namespace

std::string utc_now() {
    // SOURCE_DATE_EPOCH (reproducible-builds.org): a fixed time, so that a report can be rebuilt byte for byte.
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (end != epoch && *end == '\0' && seconds >= 0) now = static_cast<std::time_t>(seconds);
    }
    const std::tm tm = utc_time(now);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string render_json(const Assessment& a, const ReportMeta& meta) {
    const engine::Profile& p = a.answers.profile;
    json j;
    j["schema_version"] = report_schema_version;
    j["generator"] = {{"name", "dxassess"}, {"version", build_config::version}};
    j["generated_at"] = meta.generated_at;
    j["municipality"] = {{"code", p.code}, {"name", p.name}, {"prefecture", p.prefecture},
                         {"population", p.population}, {"fiscal_year", p.fiscal_year},
                         {"type", p.type.empty() ? json(nullptr) : json(p.type)},
                         {"staff", p.staff > 0 ? json(p.staff) : json(nullptr)},
                         {"peer_group", p.peer_group.empty() ? json(nullptr) : json(p.peer_group)}};
    j["as_of"] = p.as_of.str();
    if (const engine::Plan& plan = a.model->plan; !plan.edition.empty())
        j["plan"] = {{"title", text(plan.title)}, {"version", plan.edition.version}, {"date", plan.edition.date.str()},
                     {"source", plan.source}, {"caveat", plan.caveat.ja.empty() ? json(nullptr) : text(plan.caveat)}};
    else
        j["plan"] = nullptr;
    j["reference_figures"] = json::array();
    for (const ReferenceUse& use : reference_uses(a)) {
        const engine::ReferenceFigure& f = *use.figure;
        j["reference_figures"].push_back({{"id", f.id}, {"label", text(f.label)}, {"value", engine::reference_text(f)},
                                          {"as_of", f.as_of.str()}, {"source", f.source},
                                          {"url", f.url.empty() ? json(nullptr) : json(f.url)},
                                          {"caveat", f.caveat.ja.empty() ? json(nullptr) : text(f.caveat)}, {"areas", use.areas}});
    }

    json prov;
    prov["answers"] = {{"file", meta.answers_file}, {"sha256", a.answers_sha256}};
    prov["model"] = {{"version", a.model->version}, {"file", a.model->path}, {"sha256", a.model_sha256}};
    prov["reference"] = a.reference ? json{{"version", a.reference->version}, {"file", a.reference->path}, {"sha256", a.reference_sha256}}
                                    : json(nullptr);
    prov["plugins"] = json::array();
    prov["rule_sets"] = json::array();
    for (const AreaRules* r : a.scored_by) {
        const PluginRecord& pl = *r->plugin;
        prov["plugins"].push_back({{"id", pl.id}, {"version", pl.version}, {"area", pl.area},
                                   {"abi", std::to_string(pl.abi_major) + "." + std::to_string(pl.abi_minor)},
                                   {"file", pl.file}, {"sha256", pl.sha256}});
        prov["rule_sets"].push_back({{"area", r->rules->area}, {"version", r->rules->version}, {"file", r->file}, {"sha256", r->sha256},
                                     {"plan_version", r->rules->plan.empty() ? json(nullptr) : json(r->rules->plan.version)},
                                     {"plan_date", r->rules->plan.empty() ? json(nullptr) : json(r->rules->plan.date.str())}});
    }
    j["provenance"] = std::move(prov);
    // The answers as given, so the national office keeps the raw data and can re-score them.
    j["answers"] = {{"format", a.answers_format}, {"text", a.answers_text}};

    j["areas"] = json::array();
    for (const auto& r : a.areas) {
        const AreaRules* rules = a.rules_of(r.area);
        json area_json = area(r, *a.model, rules ? rules->file : std::string());
        const auto answers = a.answers.areas.find(r.area);
        area_json["annotations"] = annotations(rules && rules->rules ? &*rules->rules : nullptr,
                                               answers == a.answers.areas.end() ? nullptr : &answers->second);
        const auto t = a.answers.targets.find(r.area);
        area_json["target_level"] = t == a.answers.targets.end() ? json(nullptr) : json(t->second);
        area_json["target_gap"] = t == a.answers.targets.end() || !r.scored ? json(nullptr) : json(std::max(0, t->second - r.level));
        j["areas"].push_back(std::move(area_json));
    }

    json actions = json::array();
    for (const auto& act : a.actions) {
        const engine::Finding& f = *act.finding;
        actions.push_back({{"rank", act.rank}, {"area", act.area}, {"check", f.check}, {"severity", engine::severity_name(f.severity)},
                           {"title", text(f.title)}, {"advice", text(f.advice)}, {"source", f.source}});
    }
    json missing = json::array(), incomplete = json::array();
    for (const auto& r : a.areas) {
        if (!r.scored) missing.push_back(r.area);
        else if (!r.complete()) incomplete.push_back(r.area);
    }
    j["overall"] = {{"index", a.overall.index},
                    {"level", a.overall.level},
                    {"level_name", text(mean_level_text(a.overall))},
                    {"mean_level", a.overall.mean_level},
                    {"assessed_areas", a.overall.assessed},
                    {"complete", a.overall.complete},
                    {"incomplete_areas", std::move(incomplete)},
                    {"strongest", a.overall.strongest.empty() ? json(nullptr) : json(a.overall.strongest)},
                    {"weakest", a.overall.weakest.empty() ? json(nullptr) : json(a.overall.weakest)},
                    {"missing_areas", std::move(missing)},
                    {"not_assessed", json::array()},  // schema 1.x; every expected area is now in `areas`
                    {"actions", std::move(actions)}};
    // How to read the figures (schema 1.1), as every report form shows it: the level scale and the score.
    json scale = json::array();
    for (const auto& l : a.model->levels)
        scale.push_back({{"level", l.level}, {"name", text(l.name)}, {"description", text(l.description)}});
    const Words& ja = words(engine::Lang::ja);
    const Words& en = words(engine::Lang::en);
    j["legend"] = {{"levels", std::move(scale)},
                   {"score", {{"ja", ja.score_meaning}, {"en", en.score_meaning}}},
                   {"overall", {{"ja", ja.overall_meaning}, {"en", en.overall_meaning}}}};
    if (meta.benchmark) {
        json levels = json::object();
        for (const auto& [area, level] : meta.benchmark->levels) levels[area] = level;
        j["benchmark"] = {{"name", text(meta.benchmark->name)}, {"year", meta.benchmark->year},
                          {"source", meta.benchmark->source}, {"levels", std::move(levels)},
                          {"peer_group", meta.benchmark->peer_group.empty() ? json(nullptr) : json(meta.benchmark->peer_group)},
                          {"n", meta.benchmark->n ? json(meta.benchmark->n) : json(nullptr)}};
    }
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace dxassess::host
