#include "workbook/questionnaire_layout.hpp"

#include "dxassess/engine/answers.hpp"

namespace dxassess::host::questionnaire {

using engine::QuestionType;
using engine::Text;

const Text note_headings[4] = {{"備考", "Note"}, {"根拠資料", "Evidence"}, {"担当部署", "Department"}, {"回答者", "Answered by"}};
const Text yes{"はい", "yes"};
const Text no{"いいえ", "no"};
const Text none_word{"なし", "none"};

const std::vector<ProfileEntry>& profile_entries() {
    using K = ProfileEntry::Kind;
    static const std::vector<ProfileEntry> entries = {
        {"code", K::text, {"全国地方公共団体コード（6 桁）", "Local government code (6 digits)"},
         {"6 桁目は検査数字です（例: 横須賀市 142018）。", "The sixth digit is a check digit (e.g. 142018)."}, true},
        {"name", K::text, {"団体名", "Municipality"}, {}, true},
        {"prefecture", K::text, {"都道府県", "Prefecture"}, {}, true},
        {"population", K::integer, {"人口（1月1日の住民基本台帳人口）", "Population (resident register, 1 January)"},
         {"総務省の統計表と同じ分母です。", "The denominator of the national tables."}, true},
        {"fiscal_year", K::integer, {"回答の年度（西暦）", "Fiscal year of the answers"}, {"例: 2026（令和8年度）", "e.g. 2026"}, true},
        {"type", K::choice, {"団体の種類", "Kind of government"}, {}},
        {"staff", K::integer, {"一般行政職員数（4月1日、定員管理調査と同じ）", "General administrative staff (1 April)"},
         {"テレワーク・AI・研修の割合に使います。", "Used for telework, AI and training shares."}},
        {"peer_group", K::choice, {"類似団体区分", "Peer group (類似団体区分)"},
         {"財政状況資料集の表紙に載っています（例: 町村Ⅱ-1、都市Ⅲ-2、中核市）。", "Printed on the 財政状況資料集 (e.g. 町村Ⅱ-1)."}},
        {"as_of", K::date, {"基準日（この日時点の状況を答えます）", "Reference date (answers describe this day)"},
         {"空欄なら年度の 4月1日です。", "Empty: 1 April of the fiscal year."}},
    };
    return entries;
}

std::vector<engine::Choice> profile_choices(const std::string& key) {
    std::vector<engine::Choice> out;
    if (key == "type") {
        static const Text labels[] = {{"都道府県", "Prefecture"}, {"政令指定都市", "Designated city"}, {"市", "City"},
                                      {"特別区", "Special ward"}, {"町", "Town"}, {"村", "Village"}};
        const auto& ids = engine::government_types();
        for (std::size_t i = 0; i < ids.size() && i < std::size(labels); ++i) out.push_back({ids[i], labels[i]});
    } else if (key == "peer_group") {
        for (const auto& g : engine::peer_groups()) out.push_back({g.id, g.label});
    }
    return out;
}

const engine::Question* prefill_key(const engine::Question& table) {
    if (table.type != QuestionType::table) return nullptr;
    for (const auto& c : table.columns)
        if (c.key && c.type == QuestionType::choice) return &c;
    return nullptr;
}

}  // namespace dxassess::host::questionnaire
