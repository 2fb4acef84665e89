// セキュリティ (security) area plugin. Derives the age of the security policy, the last audit and the
// last all-staff training on the assessment's reference date, and whether the network model is one of
// the cloud-oriented models (α′, β, β′) that need compensating controls. Whether the policy follows the
// newest guideline is judged by the rules against reference data (ref.security_guideline_newest).
#include <dxassess/plugin.hpp>

#include <string_view>

namespace {

using dxassess::Context;

// Days since the Unix epoch of a calendar date (proleptic Gregorian).
int64_t serial(const dxa_date& d) {
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = d.month + (d.month > 2 ? -3 : 9);
    const int doy = (153 * mp + 2) / 5 + d.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<int64_t>(era) * 146097 + doe - 719468;
}

struct Security {
    static constexpr dxassess::Info info{"jp.dxassess.security", "2.0.0", "security", "セキュリティ対策の徹底",
                                         "Thorough security measures"};

    static constexpr dxa_fact_decl facts[] = {
        {"days_since_policy", DXA_TYPE_INT, "情報セキュリティポリシーの最終改定からの日数", "Days since the policy was last revised"},
        {"days_since_audit", DXA_TYPE_INT, "直近の情報セキュリティ監査からの日数", "Days since the last security audit"},
        {"days_since_training", DXA_TYPE_INT, "直近の全職員向け研修からの日数", "Days since the last all-staff training"},
        {"cloud_model", DXA_TYPE_BOOL, "クラウド活用型のネットワークモデル（α′・β・β′）である", "A cloud-oriented network model (α′, β, β′)"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const auto today = ctx.as_of();
        if (!today) throw dxassess::Error(DXA_ERR_FAILED, "this plugin needs a host with ABI 1.1 (as_of)");
        const auto age = [&](const char* key, const char* fact) {
            if (auto d = ctx.date(key)) {
                const int64_t days = serial(*today) - serial(*d);
                if (days < 0)
                    ctx.diagnose(DXA_SEV_WARNING, key, "日付が基準日より後です", "the date is after the reference date");
                ctx.publish(fact, days);
            }
        };
        age("policy_revised", "days_since_policy");
        age("last_audit", "days_since_audit");
        age("last_training", "days_since_training");
        if (auto model = ctx.string("network_model"))
            ctx.publish("cloud_model", *model == "alpha_prime" || *model == "beta" || *model == "beta_prime");
    }
};

}  // namespace

DXASSESS_PLUGIN(Security)
