// The Excel workbook (libxlsxwriter): a summary sheet, then one sheet per area with its findings,
// the gap to the next level and the unanswered questions.
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

#include "workbook/questionnaire.hpp"

#include "platform/os.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <set>

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

/// A4, fitted to the page width, headings repeated on every printed page.
void print_setup(lxw_worksheet* ws, bool landscape, int heading_row) {
    worksheet_set_paper(ws, 9);
    if (landscape) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    if (heading_row >= 0) {
        worksheet_repeat_rows(ws, static_cast<lxw_row_t>(heading_row), static_cast<lxw_row_t>(heading_row));
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(heading_row + 1), 0);
    }
}

}  // namespace

void write_xlsx(const Assessment& a, const ReportMeta& meta, Lang lang, const std::string& path) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const engine::Profile& p = a.answers.profile;
    lxw_workbook* wb = workbook_new(path_for_c_library(path).c_str());  // it opens the file with fopen()
    if (!wb) throw std::runtime_error(path + ": cannot create the workbook");

    lxw_format* title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xE8EEF6);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* percent = workbook_add_format(wb);
    format_set_num_format(percent, "0%");
    lxw_format* one_decimal = workbook_add_format(wb);
    format_set_num_format(one_decimal, "0.0");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, lang == Lang::en ? "yyyy-mm-dd" : "yyyy\"年\"m\"月\"d\"日\"");
    format_set_align(date, LXW_ALIGN_LEFT);
    const auto write_date = [&](Sheet& sheet, int row, int col, const engine::Date& d) {
        if (!d.valid()) return;
        lxw_datetime dt{d.year, d.month, d.day, 0, 0, 0};
        worksheet_write_datetime(sheet.raw(), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), &dt, date);
    };

    // Summary sheet: who, when, the level of every area, the actions in order.
    Sheet s(workbook_add_worksheet(wb, lang == Lang::en ? "Summary" : "概要"));
    s.width(0, 30);
    s.width(1, 16);
    s.width(2, 26);
    for (int col = 3; col <= 6; ++col) s.width(col, 11);
    s.text(0, 0, w.title, title);
    s.text(2, 0, w.municipality, head);
    s.text(2, 1, p.prefecture + " " + p.name);
    s.text(3, 0, lang == Lang::en ? "Code" : "団体コード", head);
    s.text(3, 1, p.code);
    s.text(4, 0, w.fiscal_year, head);
    s.text(4, 1, fiscal_year_text(p.fiscal_year).in(lang));
    s.text(5, 0, w.as_of, head);
    write_date(s, 5, 1, p.as_of);
    s.text(6, 0, w.index, head);
    if (a.overall.assessed > 0) s.number(6, 1, a.overall.index, one_decimal);
    else s.text(6, 1, w.no_overall);
    s.text(7, 0, w.mean_level, head);
    if (a.overall.assessed > 0) s.number(7, 1, a.overall.mean_level, one_decimal);
    if (const engine::Text plan = plan_line(*a.model); !plan.ja.empty()) s.text(8, 0, plan.in(lang));

    int row = 10;
    const char* header[] = {w.area, w.level, w.meaning, w.score, w.target, w.completeness, w.findings};
    for (int col = 0; col < 7; ++col) s.text(row, col, header[col], head);
    const int summary_heading = row;
    for (const auto& r : a.areas) {
        ++row;
        s.text(row, 0, r.title.in(lang));
        const auto t = a.answers.targets.find(r.area);
        if (t != a.answers.targets.end()) s.number(row, 4, t->second);
        if (!r.scored || !r.complete()) {
            s.text(row, 2, level_meaning(model, r).in(lang), wrap);
            continue;
        }
        s.number(row, 1, r.level);
        s.text(row, 2, area_level_name(model, r).in(lang) + "：" + level_meaning(model, r).in(lang), wrap);
        s.number(row, 3, r.score, one_decimal);
        s.number(row, 5, r.question_count ? static_cast<double>(r.answered) / r.question_count : 1.0, percent);
        s.number(row, 6, static_cast<double>(r.findings.size()));
    }

    row += 2;
    s.text(row, 0, w.actions, head);
    for (const auto& act : a.actions) {
        if (act.rank > 10) break;
        ++row;
        s.text(row, 0, std::to_string(act.rank) + ". [" + severity_label(act.finding->severity, lang) + "] " + act.finding->title.in(lang), wrap);
        const auto area = std::find_if(a.areas.begin(), a.areas.end(), [&](const engine::AreaResult& r) { return r.area == act.area; });
        s.text(row, 1, area == a.areas.end() ? act.area : area_short_title(model, *area, lang));
    }
    print_setup(s.raw(), false, summary_heading);
    worksheet_freeze_panes(s.raw(), 0, 0);  // the summary reads top to bottom; only its table heading repeats in print

    // One sheet per area, named by its short title.
    std::set<std::string> used_names{lang == Lang::en ? "Summary" : "概要"};
    for (const auto& r : a.areas) {
        const std::string name = excel_sheet_name(area_short_title(model, r, lang), used_names);
        Sheet ws(workbook_add_worksheet(wb, name.c_str()));
        ws.width(0, 12);
        ws.width(1, 48);
        ws.width(2, 60);
        ws.width(3, 40);
        ws.text(0, 0, r.title.in(lang), title);
        print_setup(ws.raw(), true, -1);
        worksheet_freeze_panes(ws.raw(), 1, 0);
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
        ws.text(2, 2, area_level_name(model, r).in(lang) + "：" + level_meaning(model, r).in(lang), wrap);
        ws.text(3, 0, w.score, head);
        ws.number(3, 1, r.score, one_decimal);

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
        for (const auto& list : shortfall_lists(a, r, lang)) {
            line += 2;
            ws.text(line, 1, list.title.in(lang) + "（" + std::to_string(list.rows.size()) + "）", head);
            for (const auto& item : list.rows) ws.text(++line, 1, item, wrap);
        }
        line += 2;
        ws.text(line, 0, w.status, head);
        ws.text(line, 1, w.gap, head);
        ws.text(line, 2, w.answers, head);
        for (const auto* c : r.gap()) {
            ++line;
            ws.text(line, 0, engine::is_known(c->outcome) ? "☐" : "?");
            ws.text(line, 1, c->text.in(lang), wrap);
            ws.text(line, 2, inputs_text(c->inputs, p, lang), wrap);
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
    Sheet legend(workbook_add_worksheet(wb, lang == Lang::en ? "Levels" : "レベルの見方"));
    legend.width(0, 10);
    legend.width(1, 20);
    legend.width(2, 80);
    legend.text(0, 0, w.scale, title);
    print_setup(legend.raw(), false, -1);
    int line = 2;
    for (const auto& l : model.levels) {
        legend.number(line, 0, l.level);
        legend.text(line, 1, l.name.in(lang), head);
        legend.text(line++, 2, l.description.in(lang), wrap);
    }
    legend.text(++line, 2, w.score_meaning, wrap);
    legend.text(++line, 2, w.overall_meaning, wrap);

    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        Sheet notes(workbook_add_worksheet(wb, lang == Lang::en ? "Notes" : "該当なし・備考"));
        const char* columns[] = {w.area, w.question, w.row, w.not_applicable, w.note, w.evidence, w.owner, w.answered_by};
        const int widths[] = {24, 48, 28, 24, 48, 32, 16, 16};
        for (int col = 0; col < 8; ++col) {
            notes.width(col, widths[col]);
            notes.text(0, col, columns[col], head);
        }
        print_setup(notes.raw(), true, 0);
        int at = 0;
        for (const auto& l : lines) {
            const std::string* cells[] = {&l.area, &l.question, &l.row, &l.na, &l.note, &l.evidence, &l.owner, &l.answered_by};
            ++at;
            for (int col = 0; col < 8; ++col) notes.text(at, col, *cells[col], wrap);
        }
    }

    // The national figures and deadlines the rules compared with, with their dates and sources.
    if (const auto uses = reference_uses(a); !uses.empty()) {
        Sheet refs(workbook_add_worksheet(wb, lang == Lang::en ? "National figures" : "全国値・期限"));
        const char* columns[] = {w.figure, w.value, w.as_of, w.source, "URL", w.caveat};
        const int widths[] = {48, 12, 16, 60, 40, 60};
        for (int col = 0; col < 6; ++col) {
            refs.width(col, widths[col]);
            refs.text(0, col, columns[col], head);
        }
        print_setup(refs.raw(), true, 0);
        int ref_row = 1;
        for (const auto& u : uses) {
            const engine::ReferenceFigure& f = *u.figure;
            refs.text(ref_row, 0, f.label.in(lang), wrap);
            refs.text(ref_row, 1, engine::reference_text(f));
            write_date(refs, ref_row, 2, f.as_of);
            refs.text(ref_row, 3, f.source, wrap);
            refs.text(ref_row, 4, f.url);
            refs.text(ref_row++, 5, f.caveat.in(lang), wrap);
        }
    }

    // The answers in the questionnaire's layout: next year's workbook starts from this report
    // (`dxassess init --from report.xlsx`), or it can be answered and assessed as it is.
    if (!a.scored_by.empty()) {
        QuestionnaireSource q{&model, {}, &a.answers, lang};
        for (const auto& r : a.areas)
            if (const AreaRules* rules = a.rules_of(r.area); rules && rules->rules) q.rule_sets.push_back(&*rules->rules);
        add_questionnaire_sheet(wb, lang == Lang::en ? "Answers" : "回答", q);
    }

    // Last, for auditors: digests and the ids of plugins and rule sets.
    Sheet audit(workbook_add_worksheet(wb, lang == Lang::en ? "Audit" : "監査用情報"));
    audit.width(0, 120);
    audit.text(0, 0, w.audit, title);
    int audit_row = 2;
    audit.text(audit_row++, 0, "dxassess " + meta.generated_at);
    audit.text(audit_row++, 0, "answers " + meta.answers_file + " sha256 " + a.answers_sha256);
    audit.text(audit_row++, 0, "model " + model.version + " sha256 " + a.model_sha256);
    if (a.reference) audit.text(audit_row++, 0, "reference " + a.reference->version + " sha256 " + a.reference_sha256);
    for (const AreaRules* r : a.scored_by)
        audit.text(audit_row++, 0, "plugin " + r->plugin->id + " " + r->plugin->version + " sha256 " + r->plugin->sha256 + " / rules " +
                                       r->rules->area + " " + r->rules->version + " sha256 " + r->sha256);
    print_setup(audit.raw(), false, -1);

    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) throw std::runtime_error(path + ": cannot write the workbook: " + lxw_strerror(err));
}

}  // namespace dxassess::host
