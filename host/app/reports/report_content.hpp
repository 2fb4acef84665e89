// What every report form says the same way: an area's status, the overall level's wording, the
// level scale, and the rows of the appendix of 該当なし and notes.
#pragma once

#include "result/assessment_result.hpp"

#include "dxassess/engine/model.hpp"
#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

/// "scored", "incomplete" (required answers missing) or "not_scored", as the JSON report states it.
const char* area_status(const engine::AreaResult& r);

/// The name of an area's level; level 0 with criteria met above it is 「取組中（レベル 1 未達）」,
/// never 「未着手」: a council would read that as "nothing has been done".
engine::Text area_level_name(const engine::Model& model, const engine::AreaResult& r);
/// The name of `level` in this area: the rule set's own (e.g. 「一部業務で稼働」) where it has one,
/// else the common model's.
engine::Text level_name_of(const engine::Model& model, const engine::AreaResult& r, int level);

/// 「平均到達レベル 1.2」: the overall level is a mean and is never given a level's name.
/// Which edition of the 自治体DX推進計画 the criteria implement, for the head of every report:
/// 「評価基準: 自治体DX推進計画 第2.3版（2024-02-05）」. Empty when the model names no plan.
engine::Text plan_line(const engine::Model& model);

/// A reference figure the scored rule sets name, and which areas name it.
struct ReferenceUse {
    const engine::ReferenceFigure* figure;
    std::vector<std::string> areas;
};
/// The reference figures named by the scored areas, in reference-file order: the appendix every
/// report form prints ("参照した全国値・期限") with value, date, source and caveat.
std::vector<ReferenceUse> reference_uses(const Assessment& a);

engine::Text mean_level_text(const engine::OverallResult& o);

/// An area's short title from the model (「推進体制」), or its full title for an area the model does not name.
std::string area_short_title(const engine::Model& model, const engine::AreaResult& r, engine::Lang lang);

/// The fiscal year as a council reads it: 「2026年度（令和8年度）」 / "FY2026".
engine::Text fiscal_year_text(int fiscal_year);
/// A date as a council reads it: 「2026年4月1日」 / "2026-04-01".
engine::Text date_text(const engine::Date& d);

/// The value of an input as a person reads it. Dates are written as dates, and a count of days
/// since a date answer (a plugin fact named days_since_*) becomes that date and the time to the
/// 基準日: 「2018年7月1日（基準日の 7 年 3 か月前）」 rather than 「2743」.
std::string input_value_text(const engine::Input& in, const engine::Profile& profile, engine::Lang lang);
/// "label: value; label: value" for a finding's or criterion's inputs, without internal names.
std::string inputs_text(const std::vector<engine::Input>& inputs, const engine::Profile& profile, engine::Lang lang);

/// What an area's level means, in one plain sentence for the summary page: the level's
/// description in the common model (「取組を始めているが、レベル 1 の条件をまだ満たしていない」 below level 1).
engine::Text level_meaning(const engine::Model& model, const engine::AreaResult& r);

/// The rows of an area's tables that fall short ([display] shortfall), by name, with their other answers.
struct ShortfallList {
    engine::Text title;             // 「マイナポータルから申請できない手続」
    std::vector<std::string> rows;  // 「保育施設等の利用申込（…）」
};
std::vector<ShortfallList> shortfall_lists(const Assessment& a, const engine::AreaResult& r, engine::Lang lang);

/// One line of the appendix, in the reader's language.
struct AppendixLine {
    std::string area;       // the area's title
    std::string question;   // the question's text
    std::string row;        // a table row's label, or ""
    std::string na;         // the 該当なし reason, or ""
    std::string note, evidence, owner, answered_by;
};

/// Every 該当なし and every note in the answers, area by area, in questionnaire order.
std::vector<AppendixLine> appendix_lines(const Assessment& a, engine::Lang lang);

}  // namespace dxassess::host
