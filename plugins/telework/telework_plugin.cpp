// テレワーク (telework) area plugin: turns staff counts — the 一般行政職員数 from [profile], asked once
// for every area, and this area's eligible and teleworking staff — and the chosen forms into the figures
// the national survey uses (総務省「地方公共団体におけるテレワークの取組状況調査」): the share of staff
// eligible, the 利用率 (share of eligible staff who actually teleworked), the staff-size band, and
// the number of forms. The rule set (rules/telework.toml) judges them.
#include <dxassess/plugin.hpp>

#include <string>

namespace {

using dxassess::Context;

// Staff-size bands of the e-Stat table (一般行政職員数).
const char* staff_band(int64_t staff) {
    if (staff <= 100) return "100人以下";
    if (staff <= 300) return "101〜300人";
    if (staff <= 500) return "301〜500人";
    if (staff <= 1000) return "501〜1,000人";
    return "1,001人以上";
}

// The 利用率 bands of the national survey (0–30%, 30–50%, 50–80%, 80%+): its categories, not figures.
dxa_value usage_band(Context&, const dxa_value* args, uint32_t) {
    const double r = args[0].as.number;
    if (r < 0 || r > 1) throw std::invalid_argument("usage_band: ratio outside 0..1");
    if (r < 0.3) return dxassess::string_value("under_30");
    if (r < 0.5) return dxassess::string_value("30_50");
    if (r < 0.8) return dxassess::string_value("50_80");
    return dxassess::string_value("80_plus");
}

constexpr dxa_type number_param[] = {DXA_TYPE_NUMBER};

struct Telework {
    static constexpr dxassess::Info info{"jp.dxassess.telework", "2.0.0", "telework", "テレワークの推進",
                                         "Promotion of telework"};

    static constexpr dxa_fact_decl facts[] = {
        {"eligible_ratio", DXA_TYPE_NUMBER, "テレワーク対象職員の割合（対象職員数 ÷ 一般行政職員数）",
         "Share of staff eligible for telework (eligible ÷ all staff)"},
        {"usage_ratio", DXA_TYPE_NUMBER, "テレワーク利用率（実施職員数 ÷ 対象職員数）",
         "Telework usage rate (staff who teleworked ÷ eligible staff)"},
        {"form_count", DXA_TYPE_INT, "導入しているテレワーク形態の数", "Number of telework forms in place"},
        {"staff_band", DXA_TYPE_STRING, "一般行政職員数の区分（国の調査の区分）", "Staff-size band used by the national survey"},
        {"staff_counts_consistent", DXA_TYPE_BOOL, "職員数の回答が整合している（実施 ≤ 対象 ≤ 全体）",
         "Staff counts are consistent (used ≤ eligible ≤ all)"},
    };

    static constexpr dxa_function_decl functions[] = {
        {"usage_band", DXA_TYPE_STRING, 1, number_param, &dxassess::function<usage_band>,
         "利用率を国の調査の区分（under_30, 30_50, 50_80, 80_plus）に分ける",
         "The national survey's usage band (under_30, 30_50, 50_80, 80_plus)"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        if (auto forms = ctx.answer("forms")) ctx.publish("form_count", static_cast<int64_t>(forms.size()));

        const auto total = ctx.profile_integer("staff");
        const auto eligible = ctx.integer("staff_eligible");
        const auto used = ctx.integer("staff_used");
        if (total) ctx.publish("staff_band", staff_band(*total));

        bool consistent = true;
        if (total && eligible && *eligible > *total) {
            consistent = false;
            ctx.diagnose(DXA_SEV_ERROR, "staff_eligible", "テレワーク対象職員数が一般行政職員数を超えています",
                         "eligible staff exceed all staff");
        }
        if (eligible && used && *used > *eligible) {
            consistent = false;
            ctx.diagnose(DXA_SEV_ERROR, "staff_used", "テレワーク実施職員数が対象職員数を超えています",
                         "staff who teleworked exceed eligible staff");
        }
        if (eligible || used) ctx.publish("staff_counts_consistent", consistent);
        if (!consistent) return;  // ratios from contradictory counts would be wrong: leave them unknown

        if (total && eligible && *total > 0) ctx.publish("eligible_ratio", static_cast<double>(*eligible) / *total);
        if (eligible && used && *eligible > 0) ctx.publish("usage_ratio", static_cast<double>(*used) / *eligible);
    }
};

}  // namespace

DXASSESS_PLUGIN(Telework)
