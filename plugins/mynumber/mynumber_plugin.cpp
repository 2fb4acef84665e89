// マイナンバーカード (mynumber) area plugin. Derives the number of certificate kinds issued at
// convenience stores and the card uses the municipality itself controls: コンビニ交付, its own
// services, help with the smartphone certificate, and its own benefits paid into 公金受取口座. The
// holding ratio is asked as 総務省 publishes it, so nothing is computed from population here.
#include <dxassess/plugin.hpp>

namespace {

using dxassess::Context;

struct MyNumber {
    static constexpr dxassess::Info info{"jp.dxassess.mynumber", "2.0.0", "mynumber",
                                         "マイナンバーカードの普及促進・利用の推進", "My Number Card: uptake and use"};

    static constexpr dxa_fact_decl facts[] = {
        {"convenience_count", DXA_TYPE_INT, "コンビニで取得できる証明書の種類数", "Kinds of certificate issued at convenience stores"},
        {"uses_offered", DXA_TYPE_INT, "団体が用意したカードの利用場面の数（コンビニ交付・独自サービス・スマホ用電子証明書の支援・公金受取口座での独自給付）",
         "Card uses the government offers (convenience stores, own services, smartphone certificate help, own benefits to registered accounts)"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const dxassess::Node certs = ctx.answer("convenience_certs");
        if (certs) ctx.publish("convenience_count", static_cast<int64_t>(certs.size()));
        // A use counts once it is answered yes; unanswered uses are not counted (the rule says so).
        int64_t uses = 0;
        if (certs && certs.size() > 0) ++uses;
        if (ctx.integer("own_services").value_or(0) > 0) ++uses;
        if (ctx.boolean("smartphone_support").value_or(false)) ++uses;
        if (ctx.boolean("koukin_own_benefit").value_or(false)) ++uses;
        ctx.publish("uses_offered", uses);
    }
};

}  // namespace

DXASSESS_PLUGIN(MyNumber)
