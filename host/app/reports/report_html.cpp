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
:root { --ink: #1d2733; --muted: #5b6776; --line: #d5dbe3; --accent: #1f5fa8; --target: #b45309; --bench: #4b5563;
        --high: #b42318; --medium: #b54708; --low: #1f5fa8; --info: #5b6776; }
* { box-sizing: border-box; }
/* Fonts found on municipal Windows PCs (Yu Gothic, Meiryo, MS PGothic), on Macs (Hiragino) and on Linux
   (Noto Sans CJK JP from fonts-noto-cjk, IPAexGothic, Takao): no web font, so it opens on closed networks. */
body { font-family: "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP",
       "Noto Sans JP", "IPAexGothic", "TakaoPGothic", "MS PGothic", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 190mm; padding: 12mm 8mm; line-height: 1.55; font-size: 10.5pt; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; border-bottom: 2px solid var(--accent); padding-bottom: 1mm; margin: 7mm 0 3mm; }
h2.part { font-size: 15pt; border-bottom: 3px double var(--accent); }
h3 { font-size: 12pt; margin: 0; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.meta { color: var(--muted); margin: 0; }
.who { font-size: 12pt; margin: 0 0 1mm; }
.summary { display: grid; grid-template-columns: 1fr 1.25fr; gap: 4mm; align-items: start; }
.summary-page h2 { margin: 4mm 0 2mm; font-size: 12pt; }
figure { margin: 0; }
.index { font-size: 30pt; font-weight: 700; color: var(--accent); line-height: 1.1; }
.index small { font-size: 12pt; color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding-bottom: 1mm; }
.actions caption { position: absolute; left: -9999px; }
th, td { border-bottom: 1px solid var(--line); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
thead th { white-space: nowrap; }
tbody th { color: var(--ink); white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.levels { font-size: 9pt; }
ol.top-actions { margin: 1mm 0; padding-left: 6mm; }
.note { background: #fff7e6; border-left: 3px solid var(--target); padding: 2mm 3mm; margin: 3mm 0; }
svg#radar { width: 100%; height: auto; max-height: 82mm; }
svg .ring { fill: none; stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--line); stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 10px; }
svg .label { fill: var(--ink); font-size: 15px; }
svg .value { fill: var(--accent); font-weight: 700; }
svg .legend { fill: var(--muted); font-size: 13px; }
/* Target and benchmark differ by pattern as well as colour (dashes / dots), each at least 3:1 against white. */
svg .current { fill: rgba(31, 95, 168, 0.25); stroke: var(--accent); stroke-width: 2; }
svg .target { fill: none; stroke: var(--target); stroke-width: 2.5; stroke-dasharray: 8 4; }
svg .benchmark { fill: none; stroke: var(--bench); stroke-width: 2; stroke-dasharray: 2 3; }
svg rect.target { fill: none; } svg rect.benchmark { fill: none; }
svg .dot { fill: var(--accent); }
.card { border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; margin: 4mm 0; }
.card header { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; break-after: avoid; }
.card h2 { border: 0; margin: 0 0 2mm; padding: 0; }
.badge { display: inline-block; border-radius: 1mm; padding: 0.3mm 2mm; color: #fff; background: var(--accent); font-weight: 600; }
.bar { height: 2mm; background: var(--line); border-radius: 1mm; overflow: hidden; margin: 1.5mm 0 2mm; }
.bar span { display: block; height: 100%; background: var(--accent); }
.sev { display: inline-block; min-width: 3.2em; text-align: center; border-radius: 1mm; color: #fff; font-size: 8.5pt; padding: 0 1mm; margin-right: 1.5mm; }
.sev.high { background: var(--high); } .sev.medium { background: var(--medium); } .sev.low { background: var(--low); } .sev.info { background: var(--info); }
ul { margin: 1mm 0; padding-left: 5mm; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li::before { content: "\2610"; margin-right: 1.5mm; color: var(--muted); }
ul.shortfall { columns: 2; column-gap: 6mm; font-size: 9.5pt; }
.inputs, .source { color: var(--muted); font-size: 9pt; }
footer.audit { margin-top: 10mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted); font-size: 8pt; word-break: break-all; }
@page { size: A4; margin: 12mm; }
/* Page 1 is the council's summary; the appendix starts on page 2. */
@media print { body { padding: 0; max-width: none; } h2, h3, h4 { break-after: avoid; } .summary-page { break-after: page; }
               .summary, table.levels tr, .card li { break-inside: avoid; } }
)";

std::string replace_braces(const char* pattern, int n) {
    std::string s = pattern;
    const auto at = s.find("{}");
    if (at != std::string::npos) s.replace(at, 2, std::to_string(n));
    return s;
}

std::string inputs_html(const std::vector<engine::Input>& inputs, const engine::Profile& p, Lang lang) {
    return html_escape(inputs_text(inputs, p, lang));
}

const char* severity_class(engine::Severity s) { return engine::severity_name(s); }

}  // namespace

namespace {

/// The radar's axes: each area's level, target and benchmark.
std::vector<RadarAxis> radar_axes(const Assessment& a, const ReportMeta& meta, Lang lang) {
    std::vector<RadarAxis> axes;
    for (const auto& r : a.areas) {
        RadarAxis axis;
        axis.name = area_short_title(*a.model, r, lang);
        if (r.scored && r.complete()) axis.level = r.level;
        if (const auto t = a.answers.targets.find(r.area); t != a.answers.targets.end()) axis.target = t->second;
        if (meta.benchmark)
            if (const auto b = meta.benchmark->levels.find(r.area); b != meta.benchmark->levels.end()) axis.benchmark = b->second;
        axes.push_back(std::move(axis));
    }
    return axes;
}

/// Page 1: what a council needs on one A4 page.
void summary_page(std::ostringstream& h, const Assessment& a, const ReportMeta& meta, Lang lang) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    h << "<section class=\"summary-page\" aria-labelledby=\"report-title\">\n<header>\n<h1 id=\"report-title\">" << html_escape(w.title)
      << "</h1>\n<p class=\"who\"><b>" << html_escape(p.prefecture) << " " << html_escape(p.name) << "</b>　"
      << html_escape(fiscal_year_text(p.fiscal_year).in(lang)) << "　" << w.as_of << " " << html_escape(date_text(p.as_of).in(lang))
      << "</p>\n";
    if (const engine::Text plan = plan_line(model); !plan.ja.empty()) h << "<p class=\"meta\">" << html_escape(plan.in(lang)) << "</p>\n";
    h << "</header>\n<div class=\"summary\">\n<div>\n<h2>" << w.overall << "</h2>\n";
    if (a.overall.assessed == 0) {
        h << "<p class=\"note\">" << w.no_overall << "</p>\n";
    } else {
        h << "<div class=\"index\">" << a.overall.index << "<small> / 100</small></div>\n<p><b>" << html_escape(mean_level_text(a.overall).in(lang))
          << "</b></p>\n<p class=\"meta\">" << w.overall_meaning << "</p>\n";
        if (!a.overall.complete) h << "<p class=\"note\">" << w.incomplete << "</p>\n";
    }
    std::string bench_label = w.benchmark;
    if (meta.benchmark) bench_label = meta.benchmark->name.in(lang) + " (" + std::to_string(meta.benchmark->year) + ")";
    const RadarLabels labels{w.radar_title, w.current, w.target, bench_label, lang == Lang::en ? "n/a" : "未評価"};
    h << "</div>\n<figure>" << radar_svg(radar_axes(a, meta, lang), labels);
    if (meta.benchmark)
        h << "<figcaption class=\"source\">" << w.benchmark << ": " << html_escape(meta.benchmark->name.in(lang)) << "（"
          << meta.benchmark->year << "）— " << html_escape(meta.benchmark->source) << "</figcaption>";
    h << "</figure>\n</div>\n";

    h << "<table class=\"levels\">\n<caption>" << w.summary_levels << "</caption>\n<thead><tr><th scope=\"col\">" << w.area
      << "</th><th scope=\"col\">" << w.level << "</th><th scope=\"col\">" << w.meaning << "</th><th scope=\"col\">" << w.target
      << "</th></tr></thead>\n<tbody>\n";
    for (const auto& r : a.areas) {
        const auto t = a.answers.targets.find(r.area);
        h << "<tr><th scope=\"row\">" << html_escape(area_short_title(model, r, lang)) << "</th><td class=\"nowrap\">";
        if (r.scored && r.complete()) h << r.level << " " << html_escape(area_level_name(model, r).in(lang));
        else h << "—";
        h << "</td><td>" << html_escape(level_meaning(model, r).in(lang)) << "</td><td class=\"num\">"
          << (t == a.answers.targets.end() ? std::string("—") : std::to_string(t->second)) << "</td></tr>\n";
    }
    h << "</tbody>\n</table>\n<h2>" << w.top_actions << "</h2>\n";
    if (a.actions.empty()) h << "<p>" << w.none << "</p>\n";
    else {
        h << "<ol class=\"top-actions\">\n";
        for (const auto& act : a.actions) {
            if (act.rank > 3) break;
            const auto area = std::find_if(a.areas.begin(), a.areas.end(), [&](const engine::AreaResult& r) { return r.area == act.area; });
            h << "<li><b>" << html_escape(act.finding->title.in(lang)) << "</b>（"
              << html_escape(area == a.areas.end() ? act.area : area_short_title(model, *area, lang)) << "）</li>\n";
        }
        h << "</ol>\n";
    }
    h << "<p class=\"meta\">" << w.see_appendix << "</p>\n</section>\n";
}

void area_card(std::ostringstream& h, const Assessment& a, const engine::AreaResult& r, Lang lang) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    h << "<section class=\"card\" id=\"area-" << html_escape(r.area) << "\">\n<header><h3>" << html_escape(r.title.in(lang)) << "</h3>";
    if (!r.scored) {
        h << "</header>\n<p class=\"note\">" << w.not_scored << ": " << html_escape(r.failure.in(lang)) << "</p>\n</section>\n";
        return;
    }
    if (!r.complete()) {
        h << "</header>\n<p class=\"note\"><b>" << w.area_incomplete << "</b> — " << w.completeness << " " << r.answered << "/"
          << r.question_count << "</p>\n<h4>" << w.missing_required << "</h4>\n<ul>\n";
        for (const auto* q : r.missing_required) h << "<li>" << html_escape(q->text.in(lang)) << "</li>\n";
        h << "</ul>\n</section>\n";
        return;
    }
    const auto t = a.answers.targets.find(r.area);
    h << "<span><span class=\"badge\">" << w.level << " " << r.level << " " << html_escape(area_level_name(model, r).in(lang))
      << "</span> " << w.score << " <b>" << r.score << "</b>";
    if (t != a.answers.targets.end()) h << " · " << w.target << " " << t->second;
    h << "</span></header>\n<div class=\"bar\"><span style=\"width:" << r.score << "%\"></span></div>\n";
    h << "<p class=\"meta\">" << w.completeness << " " << r.answered << "/" << r.question_count << "</p>\n";

    h << "<h4>" << w.findings << "</h4>\n";
    if (r.findings.empty()) h << "<p>" << w.none << "</p>\n";
    else {
        h << "<ul>\n";
        for (const auto& f : r.findings) {
            h << "<li><span class=\"sev " << severity_class(f.severity) << "\">" << severity_label(f.severity, lang) << "</span><b>"
              << html_escape(f.title.in(lang)) << "</b><br>" << html_escape(f.advice.in(lang));
            if (!f.inputs.empty()) h << "<br><span class=\"inputs\">" << w.answers << ": " << inputs_html(f.inputs, p, lang) << "</span>";
            h << "<br><span class=\"source\">" << w.source << ": " << html_escape(f.source);
            if (!f.caveat.empty()) h << " — " << w.caveat << ": " << html_escape(f.caveat.in(lang));
            h << "</span></li>\n";
        }
        h << "</ul>\n";
    }
    for (const auto& list : shortfall_lists(a, r, lang)) {
        h << "<h4>" << html_escape(list.title.in(lang)) << "（" << list.rows.size() << "）</h4>\n<ul class=\"shortfall\">\n";
        for (const auto& row : list.rows) h << "<li>" << html_escape(row) << "</li>\n";
        h << "</ul>\n";
    }

    h << "<h4>" << w.gap << "</h4>\n";
    if (r.level >= 5) h << "<p>" << w.top_level << "</p>\n";
    else {
        const auto& next = r.levels[static_cast<std::size_t>(r.level)];
        h << "<p>" << html_escape(replace_braces(w.to_reach, r.level + 1)) << "（" << html_escape(level_name_of(model, r, r.level + 1).in(lang))
          << "）</p>\n<ul class=\"checklist\">\n";
        for (const auto* c : r.gap()) {
            h << "<li>" << html_escape(c->text.in(lang));
            if (!engine::is_known(c->outcome)) h << (lang == Lang::en ? " <i>(unanswered)</i>" : " <i>（未回答）</i>");
            if (!c->inputs.empty()) h << "<br><span class=\"inputs\">" << w.answers << ": " << inputs_html(c->inputs, p, lang) << "</span>";
            h << "</li>\n";
        }
        h << "</ul>\n";
        if (r.next_level_unknown()) h << "<p class=\"note\">" << w.gap_blocked << "</p>\n";
        h << "<p class=\"source\">" << w.source << ": " << html_escape(next.source);
        if (!next.caveat.empty()) h << " — " << w.caveat << ": " << html_escape(next.caveat.in(lang));
        h << "</p>\n";
    }
    if (const auto done = r.done_above(); !done.empty()) {
        h << "<h4>" << w.done_above << "</h4>\n<ul class=\"checklist done\">\n";
        for (const auto* c : done) h << "<li>" << html_escape(c->text.in(lang)) << "</li>\n";
        h << "</ul>\n";
    }
    const auto list = [&](const char* title, const std::vector<const engine::Question*>& questions, bool mark_required) {
        if (questions.empty()) return;
        h << "<h4>" << title << "</h4>\n<ul>\n";
        for (const auto* q : questions)
            h << "<li>" << html_escape(q->text.in(lang)) << (mark_required && q->required ? std::string(" <b>(") + w.required + ")</b>" : "")
              << "</li>\n";
        h << "</ul>\n";
    };
    list(w.unanswered, r.unanswered, true);
    list(w.skipped, r.skipped, false);
    list(w.ignored, r.ignored, false);
    h << "</section>\n";
}

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

    summary_page(h, a, meta, lang);

    // The appendix: every action, each area in detail, the scale, notes, reference figures, then the audit block.
    h << "<h2 class=\"part\" id=\"appendix\">" << w.appendix_part << "</h2>\n";
    h << "<section class=\"actions\">\n<h2>" << w.actions << "</h2>\n";
    if (a.actions.empty()) h << "<p>" << w.none << "</p>\n";
    else {
        h << "<table>\n<caption>" << w.actions << "</caption>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">" << w.severity
          << "</th><th scope=\"col\">" << w.area << "</th><th scope=\"col\">" << w.advice << "</th></tr></thead>\n<tbody>\n";
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
    h << "</section>\n<h2>" << w.area_details << "</h2>\n";
    for (const auto& r : a.areas) area_card(h, a, r, lang);

    h << "<section class=\"card\">\n<h2>" << w.scale << "</h2>\n<ul>\n";
    for (const auto& l : model.levels)
        h << "<li>" << w.level << " " << l.level << " <b>" << html_escape(l.name.in(lang)) << "</b> — " << html_escape(l.description.in(lang)) << "</li>\n";
    h << "</ul>\n<p>" << w.score_meaning << "</p>\n</section>\n";

    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        h << "<section class=\"card appendix\">\n<h2>" << w.appendix << "</h2>\n<table>\n<caption>" << w.appendix << "</caption>\n<thead><tr>";
        for (const char* c : {w.area, w.question, w.row, w.not_applicable, w.note, w.evidence, w.owner, w.answered_by})
            h << "<th scope=\"col\">" << c << "</th>";
        h << "</tr></thead>\n<tbody>\n";
        for (const auto& l : lines)
            h << "<tr><td>" << html_escape(l.area) << "</td><td>" << html_escape(l.question) << "</td><td>" << html_escape(l.row)
              << "</td><td>" << html_escape(l.na) << "</td><td>" << html_escape(l.note) << "</td><td>" << html_escape(l.evidence)
              << "</td><td>" << html_escape(l.owner) << "</td><td>" << html_escape(l.answered_by) << "</td></tr>\n";
        h << "</tbody>\n</table>\n</section>\n";
    }

    if (const auto uses = reference_uses(a); !uses.empty()) {
        h << "<section class=\"card appendix\">\n<h2>" << w.reference_figures << "</h2>\n<p>" << w.reference_note << "</p>\n<table>\n<caption>"
          << w.reference_figures << "</caption>\n<thead><tr>";
        for (const char* c : {w.figure, w.value, w.as_of, w.source, w.caveat}) h << "<th scope=\"col\">" << c << "</th>";
        h << "</tr></thead>\n<tbody>\n";
        for (const auto& u : uses) {
            const engine::ReferenceFigure& f = *u.figure;
            h << "<tr><td>" << html_escape(f.label.in(lang)) << "</td><td class=\"num\">" << html_escape(engine::reference_text(f)) << "</td><td>"
              << html_escape(date_text(f.as_of).in(lang)) << "</td><td>" << html_escape(f.source) << (f.url.empty() ? "" : " " + html_escape(f.url))
              << "</td><td>" << html_escape(f.caveat.in(lang)) << "</td></tr>\n";
        }
        h << "</tbody>\n</table>\n</section>\n";
    }

    // Last, for auditors: digests and the ids of plugins and rule sets (never in the body above).
    h << "<footer class=\"audit\">\n<b>" << w.audit << "</b><br>\ndxassess — " << html_escape(meta.generated_at) << "<br>\n"
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
