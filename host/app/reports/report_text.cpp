// The terminal summary: areas with a level bar, the overall index and the top actions. Colour only
// when writing to a terminal and NO_COLOR is not set (https://no-color.org).
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

#include <algorithm>
#include <sstream>

namespace dxassess::host {

std::string render_text(const Assessment& a, engine::Lang lang, bool colour) {
    const Words& w = words(lang);
    const engine::Model& model = *a.model;
    const auto c = [&](const char* code) { return colour ? std::string("\x1b[") + code + "m" : std::string(); };
    const std::string reset = c("0"), bold = c("1"), dim = c("2"), red = c("31"), green = c("32"), yellow = c("33"), blue = c("34");
    std::ostringstream out;
    const engine::Profile& p = a.answers.profile;
    out << bold << w.title << reset << " — " << p.prefecture << " " << p.name << " (" << p.code << ") " << fiscal_year_text(p.fiscal_year).in(lang) << "\n";
    if (const engine::Text plan = plan_line(model); !plan.ja.empty()) out << dim << plan.in(lang) << reset << "\n";
    for (const auto& r : a.areas) {
        if (!r.scored) {
            out << "  " << red << "✗ " << r.title.in(lang) << ": " << w.not_scored << reset << "\n";
            continue;
        }
        if (!r.complete()) {
            out << "  " << yellow << "? " << r.title.in(lang) << ": " << w.area_incomplete << reset << " — " << w.missing_required << ": ";
            for (std::size_t i = 0; i < r.missing_required.size(); ++i) out << (i ? ", " : "") << r.missing_required[i]->id;
            out << "\n";
            continue;
        }
        std::string bar;
        for (int i = 1; i <= 5; ++i) bar += i <= r.level ? "■" : "□";
        out << "  " << blue << bar << reset << " " << r.title.in(lang) << ": " << (lang == engine::Lang::en ? "level " : "レベル ")
            << r.level << " (" << area_level_name(model, r).in(lang) << "), " << (lang == engine::Lang::en ? "score " : "スコア ")
            << r.score;
        if (const auto t = a.answers.targets.find(r.area); t != a.answers.targets.end())
            out << dim << " / " << w.target << " " << t->second << reset;
        out << "\n";
    }
    if (a.overall.assessed == 0)
        out << bold << w.no_overall << reset << "\n";
    else
        out << bold << (lang == engine::Lang::en ? "overall index " : "総合指数 ") << a.overall.index << reset << " ("
            << mean_level_text(a.overall).in(lang) << ")\n";
    if (const auto lines = appendix_lines(a, lang); !lines.empty()) {
        const auto na = std::count_if(lines.begin(), lines.end(), [](const AppendixLine& l) { return !l.na.empty(); });
        out << dim << w.not_applicable << " " << na << (lang == engine::Lang::en ? ", annotated answers " : " 件・備考などのある回答 ")
            << lines.size() << (lang == engine::Lang::en ? " (see the report's appendix)" : " 件（レポートの付録を参照）") << reset << "\n";
    }
    if (!a.actions.empty()) {
        out << w.actions << ":\n";
        for (const auto& act : a.actions) {
            if (act.rank > 5) break;
            const engine::Finding& f = *act.finding;
            const std::string& col = f.severity == engine::Severity::high ? red : f.severity == engine::Severity::medium ? yellow : green;
            const auto area = std::find_if(a.areas.begin(), a.areas.end(), [&](const engine::AreaResult& r) { return r.area == act.area; });
            out << "  " << act.rank << ". " << col << "[" << severity_label(f.severity, lang) << "]" << reset << " " << f.title.in(lang)
                << dim << " (" << (area == a.areas.end() ? act.area : area_short_title(model, *area, lang)) << ")" << reset << "\n";
        }
    }
    return out.str();
}

}  // namespace dxassess::host
