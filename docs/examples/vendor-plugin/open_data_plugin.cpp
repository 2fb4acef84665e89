// オープンデータの推進 (open_data): an example vendor plugin adding an area the shipped rule sets do not
// score — one of the plan's 「自治体DXの取組とあわせて取り組むべき事項」. It derives the share of published
// datasets that are machine-readable and how many of the publication channels are in place; open_data.toml
// judges them. Like every plugin it includes only the SDK and keeps no figures or dates of its own.
#include <dxassess/plugin.hpp>

namespace {

struct OpenData {
    static constexpr dxassess::Info info{"com.example.open_data", "1.0.0", "open_data", "オープンデータの推進",
                                         "Open data"};

    static constexpr dxa_fact_decl facts[] = {
        {"machine_readable_share", DXA_TYPE_NUMBER, "公開データセットのうち機械判読に適した形式（CSV など）の割合",
         "Share of published datasets in machine-readable formats (CSV and the like)"},
        {"channels", DXA_TYPE_INT, "公開の手段（カタログサイト・API・政府カタログへの登録）の数",
         "Publication channels in place (catalogue site, API, registration with the national catalogue)"},
    };

    void derive(dxassess::Context& ctx) {
        const auto published = ctx.integer("datasets_published");
        const auto readable = ctx.integer("datasets_machine_readable");
        if (published && readable && *readable > *published)
            ctx.diagnose(DXA_SEV_ERROR, "datasets_machine_readable", "機械判読に適したデータセットが公開数を超えています",
                         "more machine-readable datasets than datasets published");
        else if (published && readable && *published > 0)
            ctx.publish("machine_readable_share", static_cast<double>(*readable) / static_cast<double>(*published));
        int64_t channels = 0;
        for (const char* key : {"catalog_site", "api", "national_catalog"})
            if (ctx.boolean(key).value_or(false)) ++channels;
        ctx.publish("channels", channels);
    }
};

}  // namespace

DXASSESS_PLUGIN(OpenData)
