// 情報システムの標準化・共通化 (standardization) area plugin. Reads the per-system table of the
// 20 基幹業務 and derives what the rule set judges: how many systems run on 標準準拠システム, which
// will miss the 2025年度末 deadline without being 特定移行支援システム, which 特定移行支援 systems
// lack a date within the ≈5-year grace period, the share on ガバメントクラウド, and the operating
// cost against the FY2018 (平成30年度) baseline.
#include <dxassess/plugin.hpp>

namespace {

using dxassess::Context;

// 2025年度末: the migration deadline of the 標準化基本方針.
constexpr dxa_date deadline{2026, 3, 31};
// 特定移行支援システム: 「概ね5年以内」 → read as 2030年度末 (the rule set states the uncertainty).
constexpr dxa_date grace_deadline{2031, 3, 31};

bool after(const dxa_date& a, const dxa_date& b) {
    if (a.year != b.year) return a.year > b.year;
    if (a.month != b.month) return a.month > b.month;
    return a.day > b.day;
}

struct Standardization {
    static constexpr dxassess::Info info{"jp.dxassess.standardization", "1.0.0", "standardization",
                                         "情報システムの標準化・共通化", "Standardization of information systems"};

    static constexpr dxa_fact_decl facts[] = {
        {"systems_listed", DXA_TYPE_INT, "回答した基幹業務システムの数", "Number of core systems listed"},
        {"migrated_count", DXA_TYPE_INT, "標準準拠システムで稼働している業務の数", "Systems running on standard-compliant software"},
        {"migrated_share", DXA_TYPE_NUMBER, "標準準拠システムへの移行済みの割合（回答した業務に対して）",
         "Share of listed systems migrated to standard-compliant software"},
        {"late_count", DXA_TYPE_INT, "2025年度末までに移行せず、特定移行支援システムにも該当しない業務の数",
         "Systems that miss the FY2025 deadline without being designated for extended support"},
        {"tokutei_count", DXA_TYPE_INT, "特定移行支援システムに該当する（見込みの）業務の数", "Systems designated for extended support"},
        {"tokutei_undated", DXA_TYPE_INT, "特定移行支援システムのうち、概ね5年以内（2030年度末まで）の完了予定日がない業務の数",
         "Extended-support systems without a completion date within about five years"},
        {"undated_count", DXA_TYPE_INT, "移行完了（予定）日が決まっていない未移行の業務の数", "Unmigrated systems without a target date"},
        {"gov_cloud_share", DXA_TYPE_NUMBER, "ガバメントクラウド上で稼働（予定）の割合", "Share on the Government Cloud"},
        {"cost_ratio", DXA_TYPE_NUMBER, "運用経費の平成30年度比（移行後 ÷ 平成30年度）", "Operating cost relative to FY2018"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        if (auto systems = ctx.answer("systems")) {
            int64_t listed = 0, migrated = 0, late = 0, tokutei = 0, tokutei_undated = 0, undated = 0, cloud = 0;
            bool cloud_known = true;  // the share is only meaningful when every row answers it
            for (std::size_t i = 0; i < systems.size(); ++i) {
                const dxassess::Node row = systems[i];
                if (row["na"].string()) continue;  // 該当なし (e.g. run by the prefecture for a 町村): not this government's system
                ++listed;
                const auto status = row["status"].string();
                const bool done = status && *status == "migrated";
                const bool is_tokutei = row["tokutei"].boolean().value_or(false);
                const auto target = row["target_date"].date();
                if (const auto on_cloud = row["gov_cloud"].boolean()) cloud += *on_cloud ? 1 : 0;
                else cloud_known = false;
                if (done) {
                    ++migrated;
                    continue;
                }
                if (!target) ++undated;
                if (is_tokutei) {
                    ++tokutei;
                    if (!target || after(*target, grace_deadline)) ++tokutei_undated;
                } else if (!target || after(*target, deadline)) {
                    ++late;
                }
            }
            ctx.publish("systems_listed", listed);
            ctx.publish("migrated_count", migrated);
            ctx.publish("late_count", late);
            ctx.publish("tokutei_count", tokutei);
            ctx.publish("tokutei_undated", tokutei_undated);
            ctx.publish("undated_count", undated);
            if (listed > 0) {
                ctx.publish("migrated_share", static_cast<double>(migrated) / listed);
                if (cloud_known) ctx.publish("gov_cloud_share", static_cast<double>(cloud) / listed);
            }
        }
        const auto base = ctx.number("baseline_cost");
        const auto now = ctx.number("current_cost");
        if (base && now) {
            if (*base > 0) ctx.publish("cost_ratio", *now / *base);
            else ctx.diagnose(DXA_SEV_ERROR, "baseline_cost", "平成30年度の運用経費が 0 のため比較できません",
                              "the FY2018 operating cost is zero, so no ratio can be computed");
        }
    }
};

}  // namespace

DXASSESS_PLUGIN(Standardization)
