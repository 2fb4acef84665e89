// The CSV report: one row per area (RFC 4180), UTF-8, optionally with a BOM so that Excel in
// Japanese opens it with the right encoding.
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "reports/report_words.hpp"

#include <sstream>

namespace dxassess::host {
namespace {

std::string field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string render_csv(const Assessment& a, engine::Lang lang, bool bom, CsvHeaders headers) {
    const engine::Profile& p = a.answers.profile;
    const engine::Model& model = *a.model;
    std::ostringstream out;
    if (bom) out << "\xEF\xBB\xBF";
    // Column names are English and stable by default: scripts and the national office read them.
    out << (headers == CsvHeaders::ja
                ? "団体コード,団体名,都道府県,年度,領域ID,領域,状況,レベル,レベル名,スコア,目標レベル,回答率,指摘事項数,重大度「高」の指摘数,未回答数,ルールの版\r\n"
                : "code,municipality,prefecture,fiscal_year,area,area_name,status,level,level_name,score,target_level,"
                  "completeness,findings,high_findings,unanswered,rules_version\r\n");
    for (const auto& r : a.areas) {
        const auto t = a.answers.targets.find(r.area);
        int high = 0;
        for (const auto& f : r.findings) high += f.severity == engine::Severity::high ? 1 : 0;
        out << field(p.code) << ',' << field(p.name) << ',' << field(p.prefecture) << ',' << p.fiscal_year << ','
            << field(r.area) << ',' << field(r.title.in(lang)) << ','
            << (headers == CsvHeaders::ja ? (!r.scored ? "評価できず" : r.complete() ? "評価済み" : "回答不足") : area_status(r)) << ',';
        if (r.scored && r.complete()) {
            std::ostringstream completeness;
            completeness.precision(3);
            completeness << (r.question_count ? static_cast<double>(r.answered) / r.question_count : 1.0);
            out << r.level << ',' << field(area_level_name(model, r).in(lang)) << ',' << r.score << ','
                << (t == a.answers.targets.end() ? std::string() : std::to_string(t->second)) << ',' << completeness.str() << ','
                << r.findings.size() << ',' << high << ',' << r.unanswered.size() << ',' << field(r.rules_version);
        } else {
            out << ",,," << (t == a.answers.targets.end() ? std::string() : std::to_string(t->second)) << ",,,,,";
        }
        out << "\r\n";
    }
    return out.str();
}

std::string render_notes_csv(const Assessment& a, engine::Lang lang, bool bom, CsvHeaders headers) {
    std::ostringstream out;
    if (bom) out << "\xEF\xBB\xBF";
    out << (headers == CsvHeaders::ja ? "団体コード,領域,質問,行,該当なし,備考,根拠資料,担当部署,回答者\r\n"
                                      : "code,area,question,row,not_applicable,note,evidence,owner,answered_by\r\n");
    for (const auto& l : appendix_lines(a, lang))
        out << field(a.answers.profile.code) << ',' << field(l.area) << ',' << field(l.question) << ',' << field(l.row) << ','
            << field(l.na) << ',' << field(l.note) << ',' << field(l.evidence) << ',' << field(l.owner) << ','
            << field(l.answered_by) << "\r\n";
    return out.str();
}

}  // namespace dxassess::host
