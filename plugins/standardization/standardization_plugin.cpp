// 情報システムの標準化・共通化 (standardization) area plugin. Reads the per-system table of the
// 標準化対象 businesses and derives what the rule set judges: how many run on 標準準拠システム, as a
// share of the businesses the government runs (the national count less rows marked 該当なし), which
// miss the migration deadline without being 特定移行支援システム, which are overdue against their own
// target date, which 特定移行支援 systems lack a date within the grace period, the share on
// ガバメントクラウド, and the operating cost against the baseline year the question names.
//
// The deadlines and the number of businesses are reference data (rules/reference.toml), read from
// the host: a revised 標準化基本方針 is an edit of that file, not a new build of this plugin.
#include <dxassess/plugin.hpp>

namespace {

using dxassess::Context;

bool after(const dxa_date& a, const dxa_date& b) {
    if (a.year != b.year) return a.year > b.year;
    if (a.month != b.month) return a.month > b.month;
    return a.day > b.day;
}

struct Standardization {
    static constexpr dxassess::Info info{"jp.dxassess.standardization", "2.0.0", "standardization",
                                         "情報システムの標準化・共通化", "Standardization of information systems"};

    static constexpr dxa_fact_decl facts[] = {
        {"systems_listed", DXA_TYPE_INT, "回答した基幹業務システムの数（該当なしを除く）", "Core systems listed (not counting N/A rows)"},
        {"systems_in_scope", DXA_TYPE_INT, "運用している標準化対象業務の数（対象業務数 − 該当なし）",
         "Standardized businesses the government runs (the national count less N/A rows)"},
        {"systems_missing", DXA_TYPE_INT, "行のない標準化対象業務の数（回答も該当なしもない）",
         "Standardized businesses with no row (neither answered nor N/A)"},
        {"migrated_count", DXA_TYPE_INT, "標準準拠システムで稼働している業務の数", "Systems running on standard-compliant software"},
        {"migrated_share", DXA_TYPE_NUMBER, "標準準拠システムへの移行済みの割合（運用している対象業務に対して）",
         "Share of the standardized businesses the government runs that are migrated"},
        {"late_count", DXA_TYPE_INT, "移行期限に間に合わず、特定移行支援システムにも該当しない業務の数",
         "Systems that miss the deadline without being designated for extended support"},
        {"overdue_count", DXA_TYPE_INT, "自ら定めた移行完了予定日を基準日までに過ぎた未移行の業務の数",
         "Unmigrated systems whose own target date is before the reference date"},
        {"tokutei_count", DXA_TYPE_INT, "特定移行支援システムに該当する（見込みの）業務の数", "Systems designated for extended support"},
        {"tokutei_undated", DXA_TYPE_INT, "特定移行支援システムのうち、完了の目安までの完了予定日がない業務の数",
         "Extended-support systems without a completion date within the grace period"},
        {"undated_count", DXA_TYPE_INT, "移行完了（予定）日が決まっていない未移行の業務の数", "Unmigrated systems without a target date"},
        {"gov_cloud_share", DXA_TYPE_NUMBER, "ガバメントクラウド上で稼働（予定）の割合", "Share on the Government Cloud"},
        {"cost_ratio", DXA_TYPE_NUMBER, "標準化対象業務のシステムの運用経費等の基準年度比（移行後 ÷ 基準年度）",
         "Operating cost of the standardized systems relative to the baseline year"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const auto deadline = ctx.reference_date("standardization_deadline");
        const auto grace = ctx.reference_date("tokutei_deadline");
        const auto businesses = ctx.reference("standardization_business_count");
        const auto as_of = ctx.as_of();
        if (!deadline || !grace || !businesses || businesses->type != DXA_TYPE_INT || !as_of) {
            // Never guess a deadline: say what is missing (the report shows it) and score nothing.
            ctx.diagnose(DXA_SEV_ERROR, nullptr,
                         "参照データ（rules/reference.toml）に standardization_deadline・tokutei_deadline・standardization_business_count "
                         "がないか、ホストが ABI 1.3 より古いため評価できません",
                         "the reference data (rules/reference.toml) lacks standardization_deadline, tokutei_deadline or "
                         "standardization_business_count, or the host is older than ABI 1.3");
            throw dxassess::Error(DXA_ERR_FAILED, "reference data missing");
        }
        const bool past_deadline = after(*as_of, *deadline);
        if (auto systems = ctx.answer("systems")) {
            int64_t listed = 0, not_applicable = 0, migrated = 0, late = 0, overdue = 0, tokutei = 0, tokutei_undated = 0,
                    undated = 0, cloud = 0;
            bool cloud_known = true;  // the share is only meaningful when every row answers it
            for (std::size_t i = 0; i < systems.size(); ++i) {
                const dxassess::Node row = systems[i];
                if (row["na"].string()) {  // 該当なし (e.g. run by the prefecture for a 町村): not this government's system
                    ++not_applicable;
                    continue;
                }
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
                if (target && after(*as_of, *target)) ++overdue;
                if (is_tokutei) {
                    ++tokutei;
                    if (!target || after(*target, *grace)) ++tokutei_undated;
                } else if (past_deadline || !target || after(*target, *deadline)) {
                    // Once the deadline has passed, every system not migrated and not designated is late,
                    // whatever its target date says.
                    ++late;
                }
            }
            const int64_t in_scope = businesses->as.integer - not_applicable;
            ctx.publish("systems_listed", listed);
            ctx.publish("systems_in_scope", in_scope);
            ctx.publish("systems_missing", in_scope > listed ? in_scope - listed : int64_t{0});
            ctx.publish("migrated_count", migrated);
            ctx.publish("late_count", late);
            ctx.publish("overdue_count", overdue);
            ctx.publish("tokutei_count", tokutei);
            ctx.publish("tokutei_undated", tokutei_undated);
            ctx.publish("undated_count", undated);
            if (in_scope > 0) ctx.publish("migrated_share", static_cast<double>(migrated) / static_cast<double>(in_scope));
            if (listed > 0 && cloud_known) ctx.publish("gov_cloud_share", static_cast<double>(cloud) / static_cast<double>(listed));
        }
        const auto base = ctx.number("baseline_cost");
        const auto now = ctx.number("current_cost");
        if (base && now) {
            if (*base > 0) ctx.publish("cost_ratio", *now / *base);
            else ctx.diagnose(DXA_SEV_ERROR, "baseline_cost", "基準年度の運用経費等が 0 のため比較できません",
                              "the baseline-year operating cost is zero, so no ratio can be computed");
        }
    }
};

}  // namespace

DXASSESS_PLUGIN(Standardization)
