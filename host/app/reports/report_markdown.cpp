// The Markdown report, in the reader's language: the level and score of each area, what was
// found, and what is missing for the next level, with the answers that decided it.
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

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

std::string inputs_line(const std::vector<engine::Input>& inputs, Lang lang) {
    std::string out;
    for (const auto& i : inputs) {
        if (!out.empty()) out += "; ";
        const std::string label = i.label.empty() ? i.name : i.label.in(lang);
        out += md_escape(label) + " (`" + i.name + "`) = **" + md_escape(i.display.in(lang)) + "**";
    }
    return out;
}

}  // namespace

std::string render_markdown(const Assessment& a, const ReportMeta& meta, Lang lang) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    std::ostringstream md;
    md << "# " << w.title << "\n\n";
    md << "**" << w.municipality << "**: " << md_escape(p.prefecture) << " " << md_escape(p.name) << " (" << p.code
       << ") — FY" << p.fiscal_year << ", " << (lang == Lang::en ? "as of " : "基準日 ") << p.as_of.str() << "\n\n";
    if (const engine::Text plan = plan_line(model); !plan.ja.empty()) md << md_escape(plan.in(lang)) << "\n\n";

    md << "## " << w.overall << "\n\n";
    if (a.overall.assessed == 0) {
        md << "> " << w.no_overall << "\n";
    } else {
        md << "- " << w.index << ": **" << a.overall.index << "** / 100\n";
        md << "- **" << mean_level_text(a.overall).in(lang) << "**\n\n" << w.overall_meaning << "\n";
        if (!a.overall.complete) md << "\n> " << w.incomplete << "\n";
    }
    md << "\n| " << w.area << " | " << w.level << " | " << w.score << " | " << w.target << " | " << w.completeness
       << " |\n|---|---|---|---|---|\n";
    for (const auto& r : a.areas) {
        const auto t = a.answers.targets.find(r.area);
        const std::string target = t == a.answers.targets.end() ? "—" : std::to_string(t->second);
        if (r.scored && !r.complete())
            md << "| " << cell(r.title.in(lang)) << " | — | — | " << target << " | " << w.area_incomplete << " "
               << r.answered << "/" << r.question_count << " |\n";
        else if (r.scored)
            md << "| " << cell(r.title.in(lang)) << " | " << r.level << " " << cell(area_level_name(model, r).in(lang)) << " | "
               << r.score << " | " << target << " | " << r.answered << "/" << r.question_count << " |\n";
        else
            md << "| " << cell(r.title.in(lang)) << " | — | — | " << target << " | " << w.not_scored << " |\n";
    }

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

    for (const auto& r : a.areas) {
        md << "\n## " << md_escape(r.title.in(lang)) << "\n\n";
        if (!r.scored) {
            md << "**" << w.not_scored << "**: " << md_escape(r.failure.in(lang)) << "\n";
            continue;
        }
        if (!r.complete()) {
            md << "**" << w.area_incomplete << "** — " << w.completeness << " " << r.answered << "/" << r.question_count
               << "\n\n### " << w.missing_required << "\n\n";
            for (const auto* q : r.missing_required) md << "- `" << q->id << "` " << md_escape(q->text.in(lang)) << "\n";
            continue;
        }
        md << w.level << " **" << r.level << " " << area_level_name(model, r).in(lang) << "** — " << w.score << " **"
           << r.score << "** / 100 — " << w.completeness << " " << r.answered << "/" << r.question_count << "\n\n";

        md << "### " << w.findings << "\n\n";
        if (r.findings.empty()) md << w.none << "\n";
        for (const auto& f : r.findings) {
            md << "- **[" << severity_label(f.severity, lang) << "] " << md_escape(f.title.in(lang)) << "**\n";
            md << "  - " << w.advice << ": " << md_escape(f.advice.in(lang)) << "\n";
            if (!f.inputs.empty()) md << "  - " << w.answers << ": " << inputs_line(f.inputs, lang) << "\n";
            md << "  - " << w.source << ": " << md_escape(f.source) << "\n";
            if (!f.caveat.empty()) md << "  - " << w.caveat << ": " << md_escape(f.caveat.in(lang)) << "\n";
        }

        md << "\n### " << w.gap << "\n\n";
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
                if (!c->inputs.empty()) md << "  - " << w.answers << ": " << inputs_line(c->inputs, lang) << "\n";
            }
            if (r.next_level_unknown()) md << "\n> " << w.gap_blocked << "\n";
            md << "\n" << w.source << ": " << md_escape(next.source) << "\n";
            if (!next.caveat.empty()) md << "\n> " << w.caveat << ": " << md_escape(next.caveat.in(lang)) << "\n";
        }
        if (const auto done = r.done_above(); !done.empty()) {
            md << "\n### " << w.done_above << "\n\n";
            for (const auto* c : done) md << "- [x] " << md_escape(c->text.in(lang)) << "\n";
        }

        if (!r.unanswered.empty()) {
            md << "\n### " << w.unanswered << "\n\n";
            for (const auto* q : r.unanswered)
                md << "- `" << q->id << "` " << md_escape(q->text.in(lang)) << (q->required ? std::string(" **(") + w.required + ")**" : "") << "\n";
        }
        if (!r.skipped.empty()) {
            md << "\n### " << w.skipped << "\n\n";
            for (const auto* q : r.skipped) md << "- `" << q->id << "` " << md_escape(q->text.in(lang)) << "\n";
        }
        if (!r.ignored.empty()) {
            md << "\n### " << w.ignored << "\n\n";
            for (const auto* q : r.ignored) md << "- `" << q->id << "` " << md_escape(q->text.in(lang)) << "\n";
        }
        if (!r.diagnostics.empty()) {
            md << "\n### " << w.diagnostics << "\n\n";
            for (const auto& d : r.diagnostics)
                md << "- [" << severity_label(d.severity, lang) << "] " << (d.answer_key.empty() ? "" : "`" + d.answer_key + "` ")
                   << md_escape(d.message.in(lang)) << "\n";
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
            md << "| " << cell(f.label.in(lang)) << " | " << cell(engine::reference_text(f)) << " | " << f.as_of.str() << " | "
               << cell(f.source + (f.url.empty() ? "" : " " + f.url)) << " | " << cell(f.caveat.in(lang)) << " |\n";
        }
    }

    md << "\n## " << w.provenance << "\n\n";
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
