// The JSON report (schema: docs/report.schema.json). Both languages are included: the JSON is
// compared across municipalities and must not depend on the reader's --lang.
#include "reports/report.hpp"

#include "platform/os.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"
#include "support/build_config.hpp"
#include "support/json_writer.hpp"

#include "dxassess/engine/annotations.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <type_traits>

namespace dxassess::host {
namespace {

// Written as it is produced (support/json_writer.hpp): a tree of the report first cost more than
// scoring it. The bytes are those nlohmann::json's dump(2) wrote before; a unit test holds them to it.

void text(JsonWriter& w, const engine::Text& t) { w.begin_object().field("ja", t.ja).field("en", t.en).end_object(); }

void text_or_null(JsonWriter& w, const engine::Text& t) {
    if (t.ja.empty()) w.null();
    else text(w, t);
}

void string_or_null(JsonWriter& w, const std::string& s) {
    if (s.empty()) w.null();
    else w.value(s);
}

void value(JsonWriter& w, const engine::Value& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) w.null();
            else if constexpr (std::is_same_v<T, engine::Date>) w.value(x.str());
            else w.value(x);
        },
        v);
}

void inputs(JsonWriter& w, const std::vector<engine::Input>& in) {
    w.begin_array();
    for (const auto& i : in) {
        w.begin_object().field("name", i.name).key("label");
        text(w, i.label);
        w.key("value");
        value(w, i.value);
        w.key("display");
        text(w, i.display);
        w.end_object();
    }
    w.end_array();
}

void criterion(JsonWriter& w, const engine::CriterionResult& c) {
    w.begin_object().field("id", c.id).key("text");
    text(w, c.text);
    w.field("condition", c.condition).key("outcome");
    value(w, c.outcome);
    w.field("applicable", c.applicable).key("inputs");
    inputs(w, c.inputs);
    w.end_object();
}

void criteria(JsonWriter& w, const std::vector<const engine::CriterionResult*>& list) {
    w.begin_array();
    for (const auto* c : list) criterion(w, *c);
    w.end_array();
}

void questions(JsonWriter& w, const std::vector<const engine::Question*>& list) {
    w.begin_array();
    for (const auto* q : list) {
        w.begin_object().field("id", q->id).key("text");
        text(w, q->text);
        w.end_object();
    }
    w.end_array();
}

/// Every 該当なし and every note of the area's answers (schema 1.1).
void annotations(JsonWriter& w, const engine::RuleSet* rules, const engine::AnswerNode* answers) {
    w.begin_array();
    if (rules)
        for (const auto& n : engine::annotations(*rules, answers)) {
            w.begin_object().field("question", n.question->id).key("question_text");
            text(w, n.question->text);
            w.key("row");
            string_or_null(w, n.row);
            w.key("row_text");
            if (n.row.empty()) w.null();
            else text(w, n.row_label);
            w.key("na");
            if (n.na) {
                w.begin_object().field("reason", n.na->id).key("label");
                text(w, n.na->label);
                w.end_object();
            } else {
                w.null();
            }
            w.key("note");
            string_or_null(w, n.notes->note);
            w.key("evidence");
            string_or_null(w, n.notes->evidence);
            w.key("owner");
            string_or_null(w, n.notes->owner);
            w.key("answered_by");
            string_or_null(w, n.notes->answered_by);
            w.end_object();
        }
    w.end_array();
}

void diagnostics(JsonWriter& w, const engine::AreaResult& r) {
    w.begin_array();
    for (const auto& d : r.diagnostics) {
        w.begin_object().field("severity", engine::severity_name(d.severity)).field("answer", d.answer_key).key("message");
        text(w, d.message);
        w.end_object();
    }
    w.end_array();
}

void finding(JsonWriter& w, const engine::Finding& f) {
    w.begin_object().field("check", f.check).field("severity", engine::severity_name(f.severity)).key("title");
    text(w, f.title);
    w.key("advice");
    text(w, f.advice);
    w.field("source", f.source).key("inputs");
    inputs(w, f.inputs);
    if (!f.caveat.empty()) {
        w.key("caveat");
        text(w, f.caveat);
    }
    w.end_object();
}

void level(JsonWriter& w, const engine::LevelResult& l) {
    w.begin_object()
        .field("level", l.level)
        .field("holds", l.holds())
        .field("met", l.met())
        .field("total", static_cast<int>(l.criteria.size()))
        .field("applicable", l.applicable())
        .field("source", l.source)
        .key("criteria")
        .begin_array();
    for (const auto& c : l.criteria) criterion(w, c);
    w.end_array();
    if (!l.caveat.empty()) {
        w.key("caveat");
        text(w, l.caveat);
    }
    w.end_object();
}

/// The area's members up to its levels; the caller adds the annotations and the target.
void area(JsonWriter& w, const engine::AreaResult& r, const engine::Model& model, const std::string& rules_file) {
    w.field("id", r.area).key("title");
    text(w, r.title);
    w.field("status", area_status(r));
    if (!r.scored) {
        w.key("reason");
        text(w, r.failure);
        w.key("diagnostics");
        diagnostics(w, r);
        return;
    }
    w.key("rules").begin_object().field("version", r.rules_version).field("file", rules_file).end_object();
    w.field("level", r.level).key("level_name");
    text(w, area_level_name(model, r));
    w.field("score", r.score)
        .field("answered", r.answered)
        .field("questions", r.question_count)
        .field("completeness", r.question_count ? static_cast<double>(r.answered) / r.question_count : 1.0)
        .field("required_completeness", r.completeness())
        .key("missing_required");
    questions(w, r.missing_required);
    w.key("skipped");
    questions(w, r.skipped);
    w.key("ignored_answers");
    questions(w, r.ignored);

    w.key("findings").begin_array();
    for (const auto& f : r.findings) finding(w, f);
    w.end_array();

    w.key("gap");
    if (r.level < 5) {
        w.begin_object().field("target_level", r.level + 1).key("target_level_name");
        text(w, level_name_of(model, r, r.level + 1));
        w.field("blocked_by_unanswered", r.next_level_unknown()).key("criteria");
        criteria(w, r.gap());
        w.end_object();
    } else {
        w.null();
    }
    w.key("done_above");
    criteria(w, r.done_above());

    w.key("unanswered").begin_array();
    for (const auto* q : r.unanswered) {
        w.begin_object().field("id", q->id).key("text");
        text(w, q->text);
        w.field("required", q->required).end_object();
    }
    w.end_array();
    w.field("unchecked", r.unchecked).field("not_applicable_checks", r.not_applicable_checks);

    w.key("facts").begin_object();
    for (const auto& [k, v] : r.facts) {
        w.key(k);
        value(w, v);
    }
    w.end_object();

    w.key("diagnostics");
    diagnostics(w, r);

    w.key("levels").begin_array();
    for (const auto& l : r.levels) level(w, l);
    w.end_array();
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
    JsonWriter w(2);
    w.begin_object();
    w.field("schema_version", report_schema_version);
    w.key("generator").begin_object().field("name", "dxassess").field("version", build_config::version).end_object();
    w.field("generated_at", meta.generated_at);
    w.key("municipality")
        .begin_object()
        .field("code", p.code)
        .field("name", p.name)
        .field("prefecture", p.prefecture)
        .field("population", p.population)
        .field("fiscal_year", p.fiscal_year)
        .key("type");
    string_or_null(w, p.type);
    w.key("staff");
    if (p.staff > 0) w.value(p.staff);
    else w.null();
    w.key("peer_group");
    string_or_null(w, p.peer_group);
    w.end_object();
    w.field("as_of", p.as_of.str());
    w.key("plan");
    if (const engine::Plan& plan = a.model->plan; !plan.edition.empty()) {
        w.begin_object().key("title");
        text(w, plan.title);
        w.field("version", plan.edition.version).field("date", plan.edition.date.str()).field("source", plan.source).key("caveat");
        text_or_null(w, plan.caveat);
        w.end_object();
    } else {
        w.null();
    }
    w.key("reference_figures").begin_array();
    for (const ReferenceUse& use : reference_uses(a)) {
        const engine::ReferenceFigure& f = *use.figure;
        w.begin_object().field("id", f.id).key("label");
        text(w, f.label);
        w.field("value", engine::reference_text(f)).field("as_of", f.as_of.str()).field("source", f.source).key("url");
        string_or_null(w, f.url);
        w.key("caveat");
        text_or_null(w, f.caveat);
        w.field("areas", use.areas).end_object();
    }
    w.end_array();

    w.key("provenance").begin_object();
    w.key("answers").begin_object().field("file", meta.answers_file).field("sha256", a.answers_sha256).end_object();
    w.key("model").begin_object().field("version", a.model->version).field("file", a.model->path).field("sha256", a.model_sha256).end_object();
    w.key("reference");
    if (a.reference)
        w.begin_object().field("version", a.reference->version).field("file", a.reference->path).field("sha256", a.reference_sha256).end_object();
    else
        w.null();
    w.key("plugins").begin_array();
    for (const AreaRules* r : a.scored_by) {
        const PluginRecord& pl = *r->plugin;
        w.begin_object()
            .field("id", pl.id)
            .field("version", pl.version)
            .field("area", pl.area)
            .field("abi", std::to_string(pl.abi_major) + "." + std::to_string(pl.abi_minor))
            .field("file", pl.file)
            .field("sha256", pl.sha256)
            .end_object();
    }
    w.end_array();
    w.key("rule_sets").begin_array();
    for (const AreaRules* r : a.scored_by) {
        w.begin_object().field("area", r->rules->area).field("version", r->rules->version).field("file", r->file).field("sha256", r->sha256);
        w.key("plan_version");
        if (r->rules->plan.empty()) w.null();
        else w.value(r->rules->plan.version);
        w.key("plan_date");
        if (r->rules->plan.empty()) w.null();
        else w.value(r->rules->plan.date.str());
        w.end_object();
    }
    w.end_array();
    w.end_object();
    // The answers as given, so the national office keeps the raw data and can re-score them.
    w.key("answers").begin_object().field("format", a.answers_format).field("text", a.answers_text).end_object();

    w.key("areas").begin_array();
    for (const auto& r : a.areas) {
        const AreaRules* rules = a.rules_of(r.area);
        w.begin_object();
        area(w, r, *a.model, rules ? rules->file : std::string());
        const auto answers = a.answers.areas.find(r.area);
        w.key("annotations");
        annotations(w, rules && rules->rules ? &*rules->rules : nullptr, answers == a.answers.areas.end() ? nullptr : &answers->second);
        const auto t = a.answers.targets.find(r.area);
        w.key("target_level");
        if (t == a.answers.targets.end()) w.null();
        else w.value(t->second);
        w.key("target_gap");
        if (t == a.answers.targets.end() || !r.scored) w.null();
        else w.value(std::max(0, t->second - r.level));
        w.end_object();
    }
    w.end_array();

    std::vector<std::string> missing, incomplete;
    for (const auto& r : a.areas) {
        if (!r.scored) missing.push_back(r.area);
        else if (!r.complete()) incomplete.push_back(r.area);
    }
    w.key("overall").begin_object().field("index", a.overall.index).field("level", a.overall.level).key("level_name");
    text(w, mean_level_text(a.overall));
    w.field("mean_level", a.overall.mean_level)
        .field("assessed_areas", a.overall.assessed)
        .field("complete", a.overall.complete)
        .field("incomplete_areas", incomplete)
        .key("strongest");
    string_or_null(w, a.overall.strongest);
    w.key("weakest");
    string_or_null(w, a.overall.weakest);
    w.field("missing_areas", missing);
    w.key("not_assessed").begin_array().end_array();  // schema 1.x; every expected area is now in `areas`
    w.key("actions").begin_array();
    for (const auto& act : a.actions) {
        const engine::Finding& f = *act.finding;
        w.begin_object().field("rank", act.rank).field("area", act.area).field("check", f.check).field("severity", engine::severity_name(f.severity)).key("title");
        text(w, f.title);
        w.key("advice");
        text(w, f.advice);
        w.field("source", f.source).end_object();
    }
    w.end_array();
    w.end_object();
    // How to read the figures (schema 1.1), as every report form shows it: the level scale and the score.
    const Words& ja = words(engine::Lang::ja);
    const Words& en = words(engine::Lang::en);
    w.key("legend").begin_object().key("levels").begin_array();
    for (const auto& l : a.model->levels) {
        w.begin_object().field("level", l.level).key("name");
        text(w, l.name);
        w.key("description");
        text(w, l.description);
        w.end_object();
    }
    w.end_array();
    w.key("score").begin_object().field("ja", ja.score_meaning).field("en", en.score_meaning).end_object();
    w.key("overall").begin_object().field("ja", ja.overall_meaning).field("en", en.overall_meaning).end_object();
    w.end_object();
    if (meta.benchmark) {
        const engine::Benchmark& b = *meta.benchmark;
        w.key("benchmark").begin_object().key("name");
        text(w, b.name);
        w.field("year", b.year).field("source", b.source).key("levels").begin_object();
        for (const auto& [area, level] : b.levels) w.field(area, level);
        w.end_object().key("peer_group");
        string_or_null(w, b.peer_group);
        w.key("n");
        if (b.n) w.value(b.n);
        else w.null();
        w.end_object();
    }
    w.end_object();
    std::string out = w.take();
    out += '\n';
    return out;
}

}  // namespace dxassess::host
