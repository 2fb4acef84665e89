// The HTML report: one self-contained file (inline CSS and SVG; no scripts, fonts or images, so it
// opens on closed municipal networks) that prints on A4.
#include "reports/radar_svg.hpp"
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"
#include "support/html_escape.hpp"

#include <sstream>

namespace dxassess::host {
namespace {

using engine::Lang;

const char* css = R"(
:root { --ink: #1d2733; --muted: #5b6776; --line: #d5dbe3; --accent: #1f5fa8; --target: #d9822b; --bench: #6b7480;
        --high: #b42318; --medium: #b54708; --low: #1f5fa8; --info: #5b6776; }
* { box-sizing: border-box; }
body { font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Yu Gothic", Meiryo, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 190mm; padding: 12mm 8mm; line-height: 1.55; font-size: 10.5pt; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; border-bottom: 2px solid var(--accent); padding-bottom: 1mm; margin: 8mm 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.meta { color: var(--muted); margin: 0; }
.summary { display: grid; grid-template-columns: 1fr 1.2fr; gap: 5mm; align-items: start; }
figure { margin: 0; }
.index { font-size: 34pt; font-weight: 700; color: var(--accent); line-height: 1.1; }
.index small { font-size: 12pt; color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid var(--line); padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { background: #fff7e6; border-left: 3px solid var(--target); padding: 2mm 3mm; margin: 3mm 0; }
svg#radar { width: 100%; height: auto; }
svg .ring { fill: none; stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--line); stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 10px; }
svg .label { fill: var(--ink); font-size: 15px; }
svg .value { fill: var(--accent); font-weight: 700; }
svg .legend { fill: var(--muted); font-size: 13px; }
svg .current { fill: rgba(31, 95, 168, 0.25); stroke: var(--accent); stroke-width: 2; }
svg .target { fill: none; stroke: var(--target); stroke-width: 2; stroke-dasharray: 6 4; }
svg .benchmark { fill: none; stroke: var(--bench); stroke-width: 1.5; stroke-dasharray: 2 3; }
svg rect.target { fill: none; } svg rect.benchmark { fill: none; }
svg .dot { fill: var(--accent); }
.card { border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; margin: 4mm 0; page-break-inside: avoid; break-inside: avoid; }
.card header { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; }
.card h2 { border: 0; margin: 0; padding: 0; }
.badge { display: inline-block; border-radius: 1mm; padding: 0.3mm 2mm; color: #fff; background: var(--accent); font-weight: 600; }
.bar { height: 2mm; background: var(--line); border-radius: 1mm; overflow: hidden; margin: 1.5mm 0 2mm; }
.bar span { display: block; height: 100%; background: var(--accent); }
.sev { display: inline-block; min-width: 3.2em; text-align: center; border-radius: 1mm; color: #fff; font-size: 8.5pt; padding: 0 1mm; margin-right: 1.5mm; }
.sev.high { background: var(--high); } .sev.medium { background: var(--medium); } .sev.low { background: var(--low); } .sev.info { background: var(--info); }
ul { margin: 1mm 0; padding-left: 5mm; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li::before { content: "\2610"; margin-right: 1.5mm; color: var(--muted); }
.inputs, .source { color: var(--muted); font-size: 9pt; }
footer { margin-top: 10mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted); font-size: 8pt; word-break: break-all; }
@page { size: A4; margin: 12mm; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } .summary { break-inside: avoid; } }
)";

std::string replace_braces(const char* pattern, int n) {
    std::string s = pattern;
    const auto at = s.find("{}");
    if (at != std::string::npos) s.replace(at, 2, std::to_string(n));
    return s;
}

std::string inputs_html(const std::vector<engine::Input>& inputs, Lang lang) {
    std::string out;
    for (const auto& i : inputs) {
        if (!out.empty()) out += "; ";
        out += html_escape(i.label.empty() ? i.name : i.label.in(lang)) + " = <b>" + html_escape(i.display.in(lang)) + "</b>";
    }
    return out;
}

const char* severity_class(engine::Severity s) { return engine::severity_name(s); }

}  // namespace

std::string render_html(const Assessment& a, const ReportMeta& meta, Lang lang) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::en ? "en" : "ja") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      << "<title>" << html_escape(w.title) << " — " << html_escape(p.name) << "</title>\n<style>" << css << "</style>\n</head>\n<body>\n";

    h << "<header>\n<h1>" << html_escape(w.title) << "</h1>\n<p class=\"meta\">" << html_escape(p.prefecture) << " "
      << html_escape(p.name) << "（" << html_escape(p.code) << "）— FY" << p.fiscal_year << " — " << w.as_of << " "
      << p.as_of.str() << "</p>\n";
    if (const engine::Text plan = plan_line(model); !plan.ja.empty()) h << "<p class=\"meta\">" << html_escape(plan.in(lang)) << "</p>\n";
    h << "</header>\n";

    // Summary: overall index, the radar chart, the table of areas.
    std::vector<RadarAxis> axes;
    for (const auto& r : a.areas) {
        RadarAxis axis;
        axis.name = r.title.in(lang);
        if (const auto* aw = model.find_area(r.area)) axis.name = aw->short_title.in(lang);
        if (r.scored && r.complete()) axis.level = r.level;
        if (const auto t = a.answers.targets.find(r.area); t != a.answers.targets.end()) axis.target = t->second;
        if (meta.benchmark)
            if (const auto b = meta.benchmark->levels.find(r.area); b != meta.benchmark->levels.end()) axis.benchmark = b->second;
        axes.push_back(std::move(axis));
    }
    std::string bench_label = w.benchmark;
    if (meta.benchmark) bench_label = meta.benchmark->name.in(lang) + " (" + std::to_string(meta.benchmark->year) + ")";
    const RadarLabels labels{w.radar_title, w.current, w.target, bench_label, lang == Lang::en ? "n/a" : "未評価"};

    h << "<section class=\"summary\">\n<div>\n<h2>" << w.overall << "</h2>\n";
    if (a.overall.assessed == 0) {
        h << "<p class=\"note\">" << w.no_overall << "</p>\n";
    } else {
        h << "<div class=\"index\">" << a.overall.index << "<small> / 100</small></div>\n<p><b>"
          << html_escape(mean_level_text(a.overall).in(lang)) << "</b></p>\n<p class=\"meta\">" << w.overall_meaning << "</p>\n";
        if (!a.overall.complete) h << "<p class=\"note\">" << w.incomplete << "</p>\n";
    }
    h << "<table>\n<thead><tr><th>" << w.area << "</th><th>" << w.level << "</th><th>" << w.score << "</th><th>" << w.target
      << "</th></tr></thead>\n<tbody>\n";
    for (const auto& r : a.areas) {
        const auto t = a.answers.targets.find(r.area);
        h << "<tr><td>" << html_escape(r.title.in(lang)) << "</td>";
        if (r.scored && !r.complete())
            h << "<td colspan=\"2\">" << w.area_incomplete << "</td>";
        else if (r.scored)
            h << "<td class=\"nowrap\">" << r.level << " " << html_escape(area_level_name(model, r).in(lang)) << "</td><td class=\"num\">"
              << r.score << "</td>";
        else
            h << "<td colspan=\"2\">" << w.not_scored << "</td>";
        h << "<td class=\"num\">" << (t == a.answers.targets.end() ? std::string("—") : std::to_string(t->second)) << "</td></tr>\n";
    }
    h << "</tbody>\n</table>\n</div>\n<figure>" << radar_svg(axes, labels);
    if (meta.benchmark)
        h << "<figcaption class=\"source\">" << w.benchmark << ": " << html_escape(meta.benchmark->name.in(lang)) << "（"
          << meta.benchmark->year << "）— " << html_escape(meta.benchmark->source) << "</figcaption>";
    h << "</figure>\n</section>\n";

    // Ranked actions.
    h << "<section class=\"actions\">\n<h2>" << w.actions << "</h2>\n";
    if (a.actions.empty()) h << "<p>" << w.none << "</p>\n";
    else {
        h << "<table>\n<thead><tr><th>#</th><th>" << w.severity << "</th><th>" << w.area << "</th><th>" << w.advice
          << "</th></tr></thead>\n<tbody>\n";
        for (const auto& act : a.actions) {
            if (act.rank > 10) break;
            const engine::Finding& f = *act.finding;
            std::string area_title = act.area;
            if (const auto* aw = model.find_area(act.area)) area_title = aw->short_title.in(lang);
            h << "<tr><td class=\"num\">" << act.rank << "</td><td><span class=\"sev " << severity_class(f.severity) << "\">"
              << severity_label(f.severity, lang) << "</span></td><td class=\"nowrap\">" << html_escape(area_title) << "</td><td><b>"
              << html_escape(f.title.in(lang)) << "</b><br>" << html_escape(f.advice.in(lang)) << "</td></tr>\n";
        }
        h << "</tbody>\n</table>\n";
    }
    h << "</section>\n";

    // One card per area.
    for (const auto& r : a.areas) {
        h << "<section class=\"card\" id=\"area-" << html_escape(r.area) << "\">\n<header><h2>" << html_escape(r.title.in(lang)) << "</h2>";
        if (!r.scored) {
            h << "</header>\n<p class=\"note\">" << w.not_scored << ": " << html_escape(r.failure.in(lang)) << "</p>\n</section>\n";
            continue;
        }
        if (!r.complete()) {
            h << "</header>\n<p class=\"note\"><b>" << w.area_incomplete << "</b> — " << w.completeness << " " << r.answered << "/"
              << r.question_count << "</p>\n<h3>" << w.missing_required << "</h3>\n<ul>\n";
            for (const auto* q : r.missing_required) h << "<li>" << html_escape(q->text.in(lang)) << "</li>\n";
            h << "</ul>\n</section>\n";
            continue;
        }
        const auto t = a.answers.targets.find(r.area);
        h << "<span><span class=\"badge\">" << w.level << " " << r.level << " " << html_escape(area_level_name(model, r).in(lang))
          << "</span> " << w.score << " <b>" << r.score << "</b>";
        if (t != a.answers.targets.end()) h << " · " << w.target << " " << t->second;
        h << "</span></header>\n<div class=\"bar\"><span style=\"width:" << r.score << "%\"></span></div>\n";
        h << "<p class=\"meta\">" << w.completeness << " " << r.answered << "/" << r.question_count << "</p>\n";

        h << "<h3>" << w.findings << "</h3>\n";
        if (r.findings.empty()) h << "<p>" << w.none << "</p>\n";
        else {
            h << "<ul>\n";
            for (const auto& f : r.findings) {
                h << "<li><span class=\"sev " << severity_class(f.severity) << "\">" << severity_label(f.severity, lang) << "</span><b>"
                  << html_escape(f.title.in(lang)) << "</b><br>" << html_escape(f.advice.in(lang));
                if (!f.inputs.empty()) h << "<br><span class=\"inputs\">" << w.answers << ": " << inputs_html(f.inputs, lang) << "</span>";
                h << "<br><span class=\"source\">" << w.source << ": " << html_escape(f.source);
                if (!f.caveat.empty()) h << " — " << w.caveat << ": " << html_escape(f.caveat.in(lang));
                h << "</span></li>\n";
            }
            h << "</ul>\n";
        }

        h << "<h3>" << w.gap << "</h3>\n";
        if (r.level >= 5) h << "<p>" << w.top_level << "</p>\n";
        else {
            const auto& next = r.levels[static_cast<std::size_t>(r.level)];
            h << "<p>" << html_escape(replace_braces(w.to_reach, r.level + 1)) << "（" << html_escape(level_name_of(model, r, r.level + 1).in(lang))
              << "）</p>\n<ul class=\"checklist\">\n";
            for (const auto* c : r.gap()) {
                h << "<li>" << html_escape(c->text.in(lang));
                if (!engine::is_known(c->outcome)) h << (lang == Lang::en ? " <i>(unanswered)</i>" : " <i>（未回答）</i>");
                if (!c->inputs.empty()) h << "<br><span class=\"inputs\">" << w.answers << ": " << inputs_html(c->inputs, lang) << "</span>";
                h << "</li>\n";
            }
            h << "</ul>\n";
            if (r.next_level_unknown()) h << "<p class=\"note\">" << w.gap_blocked << "</p>\n";
            h << "<p class=\"source\">" << w.source << ": " << html_escape(next.source);
            if (!next.caveat.empty()) h << " — " << w.caveat << ": " << html_escape(next.caveat.in(lang));
            h << "</p>\n";
        }
        const auto list = [&](const char* title, const std::vector<const engine::Question*>& questions) {
            if (questions.empty()) return;
            h << "<h3>" << title << "</h3>\n<ul>\n";
            for (const auto* q : questions) h << "<li>" << html_escape(q->text.in(lang)) << "</li>\n";
            h << "</ul>\n";
        };
        if (const auto done = r.done_above(); !done.empty()) {
            h << "<h3>" << w.done_above << "</h3>\n<ul class=\"checklist done\">\n";
            for (const auto* c : done) h << "<li>" << html_escape(c->text.in(lang)) << "</li>\n";
            h << "</ul>\n";
        }

        if (!r.unanswered.empty()) {
            h << "<h3>" << w.unanswered << "</h3>\n<ul>\n";
            for (const auto* q : r.unanswered)
                h << "<li>" << html_escape(q->text.in(lang)) << (q->required ? std::string(" <b>(") + w.required + ")</b>" : "") << "</li>\n";
            h << "</ul>\n";
        }
        list(w.skipped, r.skipped);
        list(w.ignored, r.ignored);
        h << "</section>\n";
    }

    h << "<section class=\"card\">\n<h2>" << w.scale << "</h2>\n<ul>\n";
    for (const auto& l : model.levels)
        h << "<li>" << w.level << " " << l.level << " <b>" << html_escape(l.name.in(lang)) << "</b> — " << html_escape(l.description.in(lang)) << "</li>\n";
    h << "</ul>\n<p>" << w.score_meaning << "</p>\n</section>\n";

    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        h << "<section class=\"card appendix\">\n<h2>" << w.appendix << "</h2>\n<table>\n<thead><tr><th>" << w.area << "</th><th>"
          << w.question << "</th><th>" << w.row << "</th><th>" << w.not_applicable << "</th><th>" << w.note << "</th><th>" << w.evidence
          << "</th><th>" << w.owner << "</th><th>" << w.answered_by << "</th></tr></thead>\n<tbody>\n";
        for (const auto& l : lines)
            h << "<tr><td>" << html_escape(l.area) << "</td><td>" << html_escape(l.question) << "</td><td>" << html_escape(l.row)
              << "</td><td>" << html_escape(l.na) << "</td><td>" << html_escape(l.note) << "</td><td>" << html_escape(l.evidence)
              << "</td><td>" << html_escape(l.owner) << "</td><td>" << html_escape(l.answered_by) << "</td></tr>\n";
        h << "</tbody>\n</table>\n</section>\n";
    }

    if (const auto uses = reference_uses(a); !uses.empty()) {
        h << "<section class=\"card appendix\">\n<h2>" << w.reference_figures << "</h2>\n<p>" << w.reference_note << "</p>\n<table>\n<thead><tr><th>"
          << w.figure << "</th><th>" << w.value << "</th><th>" << w.as_of << "</th><th>" << w.source << "</th><th>" << w.caveat
          << "</th></tr></thead>\n<tbody>\n";
        for (const auto& u : uses) {
            const engine::ReferenceFigure& f = *u.figure;
            h << "<tr><td>" << html_escape(f.label.in(lang)) << "</td><td class=\"num\">" << html_escape(engine::reference_text(f)) << "</td><td>"
              << f.as_of.str() << "</td><td>" << html_escape(f.source) << (f.url.empty() ? "" : " " + html_escape(f.url)) << "</td><td>"
              << html_escape(f.caveat.in(lang)) << "</td></tr>\n";
        }
        h << "</tbody>\n</table>\n</section>\n";
    }

    h << "<footer>\n<b>" << w.provenance << "</b><br>\ndxassess — " << html_escape(meta.generated_at) << "<br>\n"
      << "answers " << html_escape(meta.answers_file) << " sha256 " << a.answers_sha256 << "<br>\n"
      << "model " << html_escape(model.version) << " sha256 " << a.model_sha256 << "<br>\n";
    if (a.reference) h << "reference " << html_escape(a.reference->version) << " sha256 " << a.reference_sha256 << "<br>\n";
    for (const AreaRules* r : a.scored_by)
        h << "plugin " << html_escape(r->plugin->id) << " " << html_escape(r->plugin->version) << " sha256 " << r->plugin->sha256
          << " · rules " << html_escape(r->rules->area) << " " << html_escape(r->rules->version) << " sha256 " << r->sha256 << "<br>\n";
    h << "</footer>\n</body>\n</html>\n";
    return h.str();
}

}  // namespace dxassess::host
