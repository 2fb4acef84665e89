// The Markdown report, in the reader's language: the level and score of each area, what was
// found, and what is missing for the next level, with the answers that decided it.
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

#include <algorithm>
#include <sstream>

namespace dxassess::host {
namespace {

using engine::Lang;

std::string md_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

std::string cell(const std::string& s) {
    std::string out = md_escape(s);
    for (auto& c : out)
        if (c == '\n') c = ' ';
    return out;
}

std::string inputs_line(const std::vector<engine::Input>& inputs, const engine::Profile& p, Lang lang) {
    return md_escape(inputs_text(inputs, p, lang));
}

}  // namespace

std::string render_markdown(const Assessment& a, const ReportMeta& meta, Lang lang) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    std::ostringstream md;

    // The council's summary, as the HTML report's first page.
    md << "# " << w.title << "\n\n";
    md << "**" << md_escape(p.prefecture) << " " << md_escape(p.name) << "**　" << fiscal_year_text(p.fiscal_year).in(lang) << "　" << w.as_of
       << " " << date_text(p.as_of).in(lang) << "\n\n";
    if (const engine::Text plan = plan_line(model); !plan.ja.empty()) md << md_escape(plan.in(lang)) << "\n\n";

    md << "## " << w.overall << "\n\n";
    if (a.overall.assessed == 0) {
        md << "> " << w.no_overall << "\n";
    } else {
        md << "- " << w.index << ": **" << a.overall.index << "** / 100\n";
        md << "- **" << mean_level_text(a.overall).in(lang) << "**\n\n" << w.overall_meaning << "\n";
        if (!a.overall.complete) md << "\n> " << w.incomplete << "\n";
    }
    md << "\n## " << w.summary_levels << "\n\n| " << w.area << " | " << w.level << " | " << w.meaning << " | " << w.target
       << " |\n|---|---|---|---|\n";
    for (const auto& r : a.areas) {
        const auto t = a.answers.targets.find(r.area);
        md << "| " << cell(area_short_title(model, r, lang)) << " | "
           << (r.scored && r.complete() ? std::to_string(r.level) + " " + cell(area_level_name(model, r).in(lang)) : std::string("—")) << " | "
           << cell(level_meaning(model, r).in(lang)) << " | " << (t == a.answers.targets.end() ? std::string("—") : std::to_string(t->second))
           << " |\n";
    }
    md << "\n## " << w.top_actions << "\n\n";
    if (a.actions.empty()) md << w.none << "\n";
    for (const auto& act : a.actions) {
        if (act.rank > 3) break;
        const auto area = std::find_if(a.areas.begin(), a.areas.end(), [&](const engine::AreaResult& r) { return r.area == act.area; });
        md << act.rank << ". **" << md_escape(act.finding->title.in(lang)) << "**（"
           << md_escape(area == a.areas.end() ? act.area : area_short_title(model, *area, lang)) << "）\n";
    }
    md << "\n" << w.see_appendix << "\n\n---\n\n# " << w.appendix_part << "\n";

    if (!a.actions.empty()) {
        md << "\n## " << w.actions << "\n\n";
        for (const auto& act : a.actions) {
            if (act.rank > 10) break;
            const engine::Finding& f = *act.finding;
            const auto* aw = model.find_area(act.area);
            md << act.rank << ". **[" << severity_label(f.severity, lang) << "] " << md_escape(f.title.in(lang)) << "** ("
               << md_escape(aw ? aw->short_title.in(lang) : act.area) << ") — " << md_escape(f.advice.in(lang)) << "\n";
        }
    }

    md << "\n## " << w.area_details << "\n";
    for (const auto& r : a.areas) {
        md << "\n### " << md_escape(r.title.in(lang)) << "\n\n";
        if (!r.scored) {
            md << "**" << w.not_scored << "**: " << md_escape(r.failure.in(lang)) << "\n";
            continue;
        }
        if (!r.complete()) {
            md << "**" << w.area_incomplete << "** — " << w.completeness << " " << r.answered << "/" << r.question_count
               << "\n\n#### " << w.missing_required << "\n\n";
            for (const auto* q : r.missing_required) md << "- " << md_escape(q->text.in(lang)) << "\n";
            continue;
        }
        md << w.level << " **" << r.level << " " << area_level_name(model, r).in(lang) << "** — " << w.score << " **"
           << r.score << "** / 100 — " << w.completeness << " " << r.answered << "/" << r.question_count << "\n\n";

        md << "#### " << w.findings << "\n\n";
        if (r.findings.empty()) md << w.none << "\n";
        for (const auto& f : r.findings) {
            md << "- **[" << severity_label(f.severity, lang) << "] " << md_escape(f.title.in(lang)) << "**\n";
            md << "  - " << w.advice << ": " << md_escape(f.advice.in(lang)) << "\n";
            if (!f.inputs.empty()) md << "  - " << w.answers << ": " << inputs_line(f.inputs, p, lang) << "\n";
            md << "  - " << w.source << ": " << md_escape(f.source) << "\n";
            if (!f.caveat.empty()) md << "  - " << w.caveat << ": " << md_escape(f.caveat.in(lang)) << "\n";
        }
        for (const auto& list : shortfall_lists(a, r, lang)) {
            md << "\n#### " << md_escape(list.title.in(lang)) << "（" << list.rows.size() << "）\n\n";
            for (const auto& row : list.rows) md << "- " << md_escape(row) << "\n";
        }

        md << "\n#### " << w.gap << "\n\n";
        if (r.level >= 5) {
            md << w.top_level << "\n";
        } else {
            const auto& next = r.levels[static_cast<std::size_t>(r.level)];
            md << (lang == Lang::en ? "To reach level " : "レベル ") << r.level + 1 << " "
               << level_name_of(model, r, r.level + 1).in(lang) << (lang == Lang::en ? ":" : " に必要なこと:") << "\n\n";
            for (const auto* c : r.gap()) {
                const bool unknown = !engine::is_known(c->outcome);
                md << "- [ ] " << md_escape(c->text.in(lang)) << (unknown ? (lang == Lang::en ? " *(unanswered)*" : "（未回答）") : "")
                   << "\n";
                if (!c->inputs.empty()) md << "  - " << w.answers << ": " << inputs_line(c->inputs, p, lang) << "\n";
            }
            if (r.next_level_unknown()) md << "\n> " << w.gap_blocked << "\n";
            md << "\n" << w.source << ": " << md_escape(next.source) << "\n";
            if (!next.caveat.empty()) md << "\n> " << w.caveat << ": " << md_escape(next.caveat.in(lang)) << "\n";
        }
        if (const auto done = r.done_above(); !done.empty()) {
            md << "\n#### " << w.done_above << "\n\n";
            for (const auto* c : done) md << "- [x] " << md_escape(c->text.in(lang)) << "\n";
        }
        const auto list = [&](const char* title, const std::vector<const engine::Question*>& questions, bool mark_required) {
            if (questions.empty()) return;
            md << "\n#### " << title << "\n\n";
            for (const auto* q : questions)
                md << "- " << md_escape(q->text.in(lang)) << (mark_required && q->required ? std::string(" **(") + w.required + ")**" : "") << "\n";
        };
        list(w.unanswered, r.unanswered, true);
        list(w.skipped, r.skipped, false);
        list(w.ignored, r.ignored, false);
        if (!r.diagnostics.empty()) {
            md << "\n#### " << w.diagnostics << "\n\n";
            for (const auto& d : r.diagnostics) md << "- [" << severity_label(d.severity, lang) << "] " << md_escape(d.message.in(lang)) << "\n";
        }
    }

    md << "\n## " << w.scale << "\n\n";
    for (const auto& l : model.levels)
        md << "- " << w.level << " " << l.level << " **" << md_escape(l.name.in(lang)) << "** — " << md_escape(l.description.in(lang)) << "\n";
    md << "\n" << w.score_meaning << "\n";

    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        md << "\n## " << w.appendix << "\n\n| " << w.area << " | " << w.question << " | " << w.row << " | " << w.not_applicable
           << " | " << w.note << " | " << w.evidence << " | " << w.owner << " | " << w.answered_by << " |\n|---|---|---|---|---|---|---|---|\n";
        for (const auto& l : lines)
            md << "| " << cell(l.area) << " | " << cell(l.question) << " | " << cell(l.row) << " | " << cell(l.na) << " | "
               << cell(l.note) << " | " << cell(l.evidence) << " | " << cell(l.owner) << " | " << cell(l.answered_by) << " |\n";
    }

    if (const auto uses = reference_uses(a); !uses.empty()) {
        md << "\n## " << w.reference_figures << "\n\n" << w.reference_note << "\n\n| " << w.figure << " | " << w.value << " | "
           << w.as_of << " | " << w.source << " | " << w.caveat << " |\n|---|---|---|---|---|\n";
        for (const auto& u : uses) {
            const engine::ReferenceFigure& f = *u.figure;
            md << "| " << cell(f.label.in(lang)) << " | " << cell(engine::reference_text(f)) << " | " << date_text(f.as_of).in(lang) << " | "
               << cell(f.source + (f.url.empty() ? "" : " " + f.url)) << " | " << cell(f.caveat.in(lang)) << " |\n";
        }
    }

    // Last, for auditors: digests and the ids of plugins and rule sets (never in the body above).
    md << "\n## " << w.audit << "\n\n";
    md << "- dxassess " << meta.generated_at << "\n";
    md << "- answers `" << meta.answers_file << "` sha256 `" << a.answers_sha256 << "`\n";
    md << "- model " << model.version << " sha256 `" << a.model_sha256 << "`\n";
    if (a.reference) md << "- reference " << a.reference->version << " sha256 `" << a.reference_sha256 << "`\n";
    for (const AreaRules* r : a.scored_by) {
        md << "- plugin " << r->plugin->id << " " << r->plugin->version << " sha256 `" << r->plugin->sha256 << "`\n";
        md << "- rules " << r->rules->area << " " << r->rules->version << " sha256 `" << r->sha256 << "`\n";
    }
    return md.str();
}

}  // namespace dxassess::host
