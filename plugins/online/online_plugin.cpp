// 行政手続のオンライン化 (online) area plugin. Reads the per-procedure table and counts the 26
// 子育て・介護 procedures as デジタル庁's dashboard does: a procedure counts only when it can be filed
// through マイナポータル (a 汎用的電子申請システム alone does not count). Also derives the online share of
// actual applications and whether 罹災証明書 and 転出届・転入予約 are online.
#include <dxassess/plugin.hpp>

#include <string_view>

namespace {

using dxassess::Context;

constexpr std::string_view core_procedures[] = {
    // 子育て (15)
    "jidou_nintei", "jidou_kaitei", "jidou_henkou", "jidou_shometsu", "jidou_mishiharai", "jidou_kifu",
    "jidou_kifu_henkou", "kyushoku_choshu", "kyushoku_henkou", "jidou_genkyo", "hoiku_nintei", "hoiku_moshikomi",
    "hoiku_genkyo", "fuyou_genkyo", "ninshin",
    // 介護 (11)
    "kaigo_nintei", "kaigo_koushin", "kaigo_henkou", "kaigo_careplan", "kaigo_futan_saikoufu", "kaigo_hihokensha_saikoufu",
    "kaigo_kougaku", "kaigo_gendogaku", "kaigo_fukushi_yougu", "kaigo_jutaku_kaishu", "kaigo_tenkyo",
};

bool is_core(std::string_view id) {
    for (auto p : core_procedures)
        if (p == id) return true;
    return false;
}

struct Online {
    static constexpr dxassess::Info info{"jp.dxassess.online", "1.0.0", "online", "行政手続のオンライン化",
                                         "Online administrative procedures"};

    static constexpr dxa_fact_decl facts[] = {
        {"core_offered", DXA_TYPE_INT, "子育て・介護 26 手続のうちマイナポータルで申請できる数",
         "Of the 26 child-care and long-term-care procedures, those filed via Mynaportal"},
        {"core_applicable", DXA_TYPE_INT, "26 手続のうち自団体が実施する数（該当なしを除く）",
         "Of the 26 procedures, those this government runs (not marked not applicable)"},
        {"core_share", DXA_TYPE_NUMBER, "26 手続（該当なしを除く）のオンライン化率（マイナポータル経由）",
         "Share of the 26 procedures this government runs that are online via Mynaportal"},
        {"risai_applies", DXA_TYPE_BOOL, "罹災証明書を自団体が発行する（該当なしでない）", "This government issues disaster certificates"},
        {"tenshutsu_applies", DXA_TYPE_BOOL, "転出届・転入予約を自団体が受け付ける（該当なしでない）",
         "This government takes moving-out notices"},
        {"risai_online", DXA_TYPE_BOOL, "罹災証明書の発行申請がオンラインでできる", "Disaster certificate requests are online"},
        {"tenshutsu_online", DXA_TYPE_BOOL, "転出届・転入予約がオンラインでできる", "Moving-out / moving-in reservation is online"},
        {"online_application_share", DXA_TYPE_NUMBER, "実際の申請に占めるオンライン申請の割合（件数を回答した手続）",
         "Share of applications actually filed online (procedures with counts)"},
        {"application_counts_consistent", DXA_TYPE_BOOL, "オンライン申請件数が申請件数を超えていない",
         "Online applications do not exceed all applications"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const dxassess::Node rows = ctx.answer("procedures");
        if (!rows) return;
        int64_t core = 0, core_na = 0, total = 0, online = 0;
        bool risai = false, tenshutsu = false, consistent = true, risai_applies = true, tenshutsu_applies = true;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const dxassess::Node row = rows[i];
            const std::string_view id = row["procedure"].string().value_or("");
            // A row marked 該当なし (run by another body, or no such scheme) leaves every share here.
            if (row["na"].string()) {
                if (is_core(id)) ++core_na;
                if (id == "risai") risai_applies = false;
                if (id == "tenshutsu") tenshutsu_applies = false;
                continue;
            }
            const bool myna = row["via_myna_portal"].boolean().value_or(false);
            if (myna && is_core(id)) ++core;
            if (id == "risai") risai = myna || row["other_online"].boolean().value_or(false);
            if (id == "tenshutsu") tenshutsu = myna;
            const auto all = row["applications_total"].integer();
            const auto on = row["applications_online"].integer();
            if (all && on) {
                if (*on > *all) {
                    consistent = false;
                    ctx.diagnose(DXA_SEV_ERROR, "procedures",
                                 "手続 " + std::string(id) + " のオンライン申請件数が申請件数を超えています",
                                 "procedure " + std::string(id) + ": online applications exceed all applications");
                }
                total += *all;
                online += *on;
            }
        }
        const int64_t applicable = 26 - core_na;
        ctx.publish("core_offered", core);
        ctx.publish("core_applicable", applicable);
        if (applicable > 0) ctx.publish("core_share", static_cast<double>(core) / static_cast<double>(applicable));
        ctx.publish("risai_applies", risai_applies);
        ctx.publish("tenshutsu_applies", tenshutsu_applies);
        if (risai_applies) ctx.publish("risai_online", risai);
        if (tenshutsu_applies) ctx.publish("tenshutsu_online", tenshutsu);
        ctx.publish("application_counts_consistent", consistent);
        if (consistent && total > 0) ctx.publish("online_application_share", static_cast<double>(online) / total);
    }
};

}  // namespace

DXASSESS_PLUGIN(Online)
