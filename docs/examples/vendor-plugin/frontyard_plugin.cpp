// 自治体フロントヤード改革 (frontyard): an example vendor plugin adding a seventh area from the
// current 自治体DX推進計画 (the 2023-11 revision). It derives the share of applications made online
// and how many of the front-yard channels are in place; frontyard.toml judges them.
#include <dxassess/plugin.hpp>

namespace {

struct Frontyard {
    static constexpr dxassess::Info info{"com.example.frontyard", "1.0.0", "frontyard", "自治体フロントヤード改革の推進",
                                         "Front-yard reform"};

    static constexpr dxa_fact_decl facts[] = {
        {"online_share", DXA_TYPE_NUMBER, "申請のうちオンラインの割合（オンライン ÷（オンライン＋窓口））",
         "Share of applications made online (online ÷ (online + counter))"},
        {"channels", DXA_TYPE_INT, "導入している窓口の改革（書かない窓口・ワンストップ・予約・オンライン相談）の数",
         "Front-yard channels in place (no-forms, one-stop, reservations, online consultation)"},
    };

    void derive(dxassess::Context& ctx) {
        const auto counter = ctx.integer("counter_applications");
        const auto online = ctx.integer("online_applications");
        if (counter && online && *counter + *online > 0)
            ctx.publish("online_share", static_cast<double>(*online) / static_cast<double>(*counter + *online));
        int64_t channels = 0;
        for (const char* key : {"kakanai_window", "one_stop", "reservation", "remote_consultation"})
            if (ctx.boolean(key).value_or(false)) ++channels;
        ctx.publish("channels", channels);
    }
};

}  // namespace

DXASSESS_PLUGIN(Frontyard)
