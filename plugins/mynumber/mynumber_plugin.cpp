// マイナンバーカード (mynumber) area plugin. Derives the 保有枚数率 (cards in force ÷ residents, the
// statistic used since 2023-06) and the uses a municipality offers with the card: コンビニ交付,
// マイナ保険証 support, 公金受取口座 registration support and its own services.
#include <dxassess/plugin.hpp>

namespace {

using dxassess::Context;

struct MyNumber {
    static constexpr dxassess::Info info{"jp.dxassess.mynumber", "1.0.0", "mynumber",
                                         "マイナンバーカードの普及促進・利用の推進", "My Number Card: uptake and use"};

    static constexpr dxa_fact_decl facts[] = {
        {"holding_rate", DXA_TYPE_NUMBER, "マイナンバーカードの保有枚数率（保有枚数 ÷ 人口）", "Card holding rate (cards held ÷ residents)"},
        {"convenience_count", DXA_TYPE_INT, "コンビニで取得できる証明書の種類数", "Kinds of certificate issued at convenience stores"},
        {"uses_offered", DXA_TYPE_INT, "カードの利用場面の数（コンビニ交付・保険証・公金受取口座・独自サービス）",
         "Card uses offered (convenience stores, health insurance, benefit account, own services)"},
        {"counts_consistent", DXA_TYPE_BOOL, "保有枚数が人口を超えていない", "Cards held do not exceed residents"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const auto cards = ctx.integer("cards_held");
        const auto residents = ctx.integer("residents");
        if (cards && residents) {
            const bool consistent = *cards <= *residents;
            ctx.publish("counts_consistent", consistent);
            if (!consistent)
                ctx.diagnose(DXA_SEV_ERROR, "cards_held", "保有枚数が人口を超えています", "cards held exceed the number of residents");
            else if (*residents > 0)
                ctx.publish("holding_rate", static_cast<double>(*cards) / *residents);
        }

        const dxassess::Node certs = ctx.answer("convenience_certs");
        if (certs) ctx.publish("convenience_count", static_cast<int64_t>(certs.size()));

        // A use counts once it is answered yes; unanswered uses are not counted (the rule says so).
        int64_t uses = 0;
        if (certs && certs.size() > 0) ++uses;
        if (ctx.boolean("qualification_certificate").value_or(false)) ++uses;
        if (ctx.boolean("koukin_support").value_or(false)) ++uses;
        if (ctx.integer("own_services").value_or(0) > 0) ++uses;
        ctx.publish("uses_offered", uses);
    }
};

}  // namespace

DXASSESS_PLUGIN(MyNumber)
