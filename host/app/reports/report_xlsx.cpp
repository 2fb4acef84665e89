// The Excel workbook (libxlsxwriter): a summary sheet, then one sheet per area with its findings,
// the gap to the next level and the unanswered questions.
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

#include <xlsxwriter.h>

#include <stdexcept>

namespace dxassess::host {
namespace {

using engine::Lang;

class Sheet {
public:
    Sheet(lxw_worksheet* ws) : ws_(ws) {}
    void text(int row, int col, const std::string& s, lxw_format* f = nullptr) {
        worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), f);
    }
    void number(int row, int col, double v, lxw_format* f = nullptr) {
        worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, f);
    }
    void width(int col, double w) { worksheet_set_column(ws_, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), w, nullptr); }
    lxw_worksheet* raw() const { return ws_; }

private:
    lxw_worksheet* ws_;
};

std::string inputs_text(const std::vector<engine::Input>& inputs, Lang lang) {
    std::string out;
    for (const auto& i : inputs) out += (out.empty() ? "" : "; ") + (i.label.empty() ? i.name : i.label.in(lang)) + " = " + i.display.in(lang);
    return out;
}

}  // namespace

void write_xlsx(const Assessment& a, const ReportMeta& meta, Lang lang, const std::string& path) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw std::runtime_error(path + ": cannot create the workbook");

    lxw_format* title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xE8EEF6);
    format_set_border(head, LXW_BORDER_THIN);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    // Summary sheet.
    Sheet s(workbook_add_worksheet(wb, lang == Lang::en ? "Summary" : "概要"));
    s.width(0, 34);
    for (int col = 1; col <= 6; ++col) s.width(col, 12);
    s.text(0, 0, w.title, title);
    s.text(2, 0, w.municipality, head);
    s.text(2, 1, p.prefecture + " " + p.name);
    s.text(3, 0, "code", head);
    s.text(3, 1, p.code);
    s.text(4, 0, "FY", head);
    s.number(4, 1, p.fiscal_year);
    s.text(5, 0, w.as_of, head);
    s.text(5, 1, p.as_of.str());
    s.text(6, 0, w.index, head);
    if (a.overall.assessed > 0) s.number(6, 1, a.overall.index);
    else s.text(6, 1, w.no_overall);
    s.text(7, 0, w.mean_level, head);
    if (a.overall.assessed > 0) s.number(7, 1, a.overall.mean_level);
    if (const engine::Text plan = plan_line(*a.model); !plan.ja.empty()) s.text(8, 0, plan.in(lang));

    int row = 9;
    const char* header[] = {w.area, w.level, "", w.score, w.target, w.completeness, w.findings};
    for (int col = 0; col < 7; ++col) s.text(row, col, header[col], head);
    for (const auto& r : a.areas) {
        ++row;
        s.text(row, 0, r.title.in(lang));
        const auto t = a.answers.targets.find(r.area);
        if (t != a.answers.targets.end()) s.number(row, 4, t->second);
        if (!r.scored || !r.complete()) {
            s.text(row, 1, r.scored ? w.area_incomplete : w.not_scored);
            continue;
        }
        s.number(row, 1, r.level);
        s.text(row, 2, area_level_name(model, r).in(lang));
        s.number(row, 3, r.score);
        s.number(row, 5, r.question_count ? static_cast<double>(r.answered) / r.question_count : 1.0);
        s.number(row, 6, static_cast<double>(r.findings.size()));
    }

    row += 2;
    s.text(row, 0, w.actions, head);
    for (const auto& act : a.actions) {
        if (act.rank > 10) break;
        ++row;
        s.text(row, 0, std::to_string(act.rank) + ". [" + severity_label(act.finding->severity, lang) + "] " + act.finding->title.in(lang));
        s.text(row, 1, act.area);
    }
    row += 2;
    s.text(row, 0, w.provenance, head);
    s.text(++row, 0, "dxassess " + meta.generated_at);
    s.text(++row, 0, "answers sha256 " + a.answers_sha256);
    for (const AreaRules* r : a.scored_by)
        s.text(++row, 0, r->plugin->id + " " + r->plugin->version + " / rules " + r->rules->version + " sha256 " + r->sha256);

    // One sheet per area, named by its id (stable across languages).
    for (const auto& r : a.areas) {
        Sheet ws(workbook_add_worksheet(wb, r.area.substr(0, 31).c_str()));
        ws.width(0, 12);
        ws.width(1, 48);
        ws.width(2, 60);
        ws.width(3, 40);
        ws.text(0, 0, r.title.in(lang), title);
        if (!r.scored) {
            ws.text(2, 0, w.not_scored, head);
            ws.text(2, 1, r.failure.in(lang), wrap);
            continue;
        }
        if (!r.complete()) {
            ws.text(2, 0, w.area_incomplete, head);
            ws.text(3, 0, w.missing_required, head);
            int line = 3;
            for (const auto* q : r.missing_required) ws.text(line++, 1, q->text.in(lang), wrap);
            continue;
        }
        ws.text(2, 0, w.level, head);
        ws.number(2, 1, r.level);
        ws.text(2, 2, area_level_name(model, r).in(lang));
        ws.text(3, 0, w.score, head);
        ws.number(3, 1, r.score);

        int line = 5;
        ws.text(line, 0, w.severity, head);
        ws.text(line, 1, w.findings, head);
        ws.text(line, 2, w.advice, head);
        ws.text(line, 3, w.source, head);
        for (const auto& f : r.findings) {
            ++line;
            ws.text(line, 0, severity_label(f.severity, lang));
            ws.text(line, 1, f.title.in(lang), wrap);
            ws.text(line, 2, f.advice.in(lang), wrap);
            ws.text(line, 3, f.source, wrap);
        }
        line += 2;
        ws.text(line, 0, w.status, head);
        ws.text(line, 1, w.gap, head);
        ws.text(line, 2, w.answers, head);
        for (const auto* c : r.gap()) {
            ++line;
            ws.text(line, 0, engine::is_known(c->outcome) ? "☐" : "?");
            ws.text(line, 1, c->text.in(lang), wrap);
            ws.text(line, 2, inputs_text(c->inputs, lang), wrap);
        }
        const auto list = [&](const char* heading, const std::vector<const engine::Question*>& questions) {
            if (questions.empty()) return;
            line += 2;
            ws.text(line, 1, heading, head);
            for (const auto* q : questions) ws.text(++line, 1, q->text.in(lang), wrap);
        };
        if (const auto done = r.done_above(); !done.empty()) {
            line += 2;
            ws.text(line, 1, w.done_above, head);
            for (const auto* c : done) {
                ws.text(++line, 0, "☑");
                ws.text(line, 1, c->text.in(lang), wrap);
            }
        }
        list(w.unanswered, r.unanswered);
        list(w.skipped, r.skipped);
        list(w.ignored, r.ignored);
    }

    // The level scale and what a score means, then every 該当なし and note.
    Sheet legend(workbook_add_worksheet(wb, "legend"));
    legend.width(0, 10);
    legend.width(1, 20);
    legend.width(2, 80);
    legend.text(0, 0, w.scale, title);
    int line = 2;
    for (const auto& l : model.levels) {
        legend.number(line, 0, l.level);
        legend.text(line, 1, l.name.in(lang), head);
        legend.text(line++, 2, l.description.in(lang), wrap);
    }
    legend.text(++line, 2, w.score_meaning, wrap);
    legend.text(++line, 2, w.overall_meaning, wrap);

    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        Sheet notes(workbook_add_worksheet(wb, "notes"));
        const char* columns[] = {w.area, w.question, w.row, w.not_applicable, w.note, w.evidence, w.owner, w.answered_by};
        const int widths[] = {24, 48, 28, 24, 48, 32, 16, 16};
        for (int col = 0; col < 8; ++col) {
            notes.width(col, widths[col]);
            notes.text(0, col, columns[col], head);
        }
        int at = 0;
        for (const auto& l : lines) {
            const std::string* cells[] = {&l.area, &l.question, &l.row, &l.na, &l.note, &l.evidence, &l.owner, &l.answered_by};
            ++at;
            for (int col = 0; col < 8; ++col) notes.text(at, col, *cells[col], wrap);
        }
    }

    // The national figures and deadlines the rules compared with, with their dates and sources.
    if (const auto uses = reference_uses(a); !uses.empty()) {
        Sheet refs(workbook_add_worksheet(wb, "reference"));
        const char* columns[] = {w.figure, w.value, w.as_of, w.source, "URL", w.caveat};
        const int widths[] = {48, 12, 12, 60, 40, 60};
        for (int col = 0; col < 6; ++col) {
            refs.width(col, widths[col]);
            refs.text(0, col, columns[col], head);
        }
        int ref_row = 1;
        for (const auto& u : uses) {
            const engine::ReferenceFigure& f = *u.figure;
            refs.text(ref_row, 0, f.label.in(lang), wrap);
            refs.text(ref_row, 1, engine::reference_text(f));
            refs.text(ref_row, 2, f.as_of.str());
            refs.text(ref_row, 3, f.source, wrap);
            refs.text(ref_row, 4, f.url);
            refs.text(ref_row++, 5, f.caveat.in(lang), wrap);
        }
    }

    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) throw std::runtime_error(path + ": cannot write the workbook: " + lxw_strerror(err));
}

}  // namespace dxassess::host
