// AI・RPA (ai_rpa) area plugin. Reads the table of use cases and counts them by kind as the 総務省
// survey does (AI-OCR, chatbots, speech recognition for minutes, generative AI, RPA, prediction,
// image recognition), separating production use from pilots, and derives hours saved per staff member.
#include <dxassess/plugin.hpp>

#include <set>
#include <string>

namespace {

using dxassess::Context;

struct AiRpa {
    static constexpr dxassess::Info info{"jp.dxassess.ai_rpa", "2.0.0", "ai_rpa", "自治体の AI・RPA の利用推進", "Use of AI and RPA"};

    static constexpr dxa_fact_decl facts[] = {
        {"ai_count", DXA_TYPE_INT, "本格運用している AI の活用事例の数", "AI use cases in production"},
        {"rpa_count", DXA_TYPE_INT, "本格運用している RPA の活用事例の数", "RPA use cases in production"},
        {"pilot_count", DXA_TYPE_INT, "実証中の事例の数", "Use cases in pilot"},
        {"ai_kinds", DXA_TYPE_INT, "本格運用している AI の機能分野の数", "Kinds of AI in production"},
        {"ocr_with_rpa", DXA_TYPE_BOOL, "AI-OCR と RPA を両方本格運用している（紙帳票の自動入力）",
         "AI-OCR and RPA both in production (automated entry of paper forms)"},
        {"advanced_ai", DXA_TYPE_BOOL, "数値予測・画像認識など高度な分野の AI を本格運用している",
         "Advanced AI (prediction, image recognition) in production"},
        {"joint_count", DXA_TYPE_INT, "他団体と共同利用している事例の数", "Use cases shared with other municipalities"},
        {"hours_saved", DXA_TYPE_NUMBER, "本格運用の事例による年間削減時間の合計", "Hours saved per year by production use cases"},
        {"hours_per_staff", DXA_TYPE_NUMBER, "職員 1 人あたりの年間削減時間", "Hours saved per staff member per year"},
    };

    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(Context& ctx) {
        const dxassess::Node cases = ctx.answer("use_cases");
        if (!cases) return;
        int64_t ai = 0, rpa = 0, pilot = 0, joint = 0;
        double hours = 0;
        bool hours_known = false;
        std::set<std::string> kinds;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const dxassess::Node row = cases[i];
            const std::string kind(row["kind"].string().value_or(""));
            const bool production = row["status"].string().value_or("") == "production";
            if (row["joint"].boolean().value_or(false)) ++joint;
            if (!production) {
                ++pilot;
                continue;
            }
            if (kind == "rpa") ++rpa;
            else {
                ++ai;
                kinds.insert(kind);
            }
            if (auto h = row["hours_saved"].number()) {
                hours += *h;
                hours_known = true;
            }
        }
        ctx.publish("ai_count", ai);
        ctx.publish("rpa_count", rpa);
        ctx.publish("pilot_count", pilot);
        ctx.publish("joint_count", joint);
        ctx.publish("ai_kinds", static_cast<int64_t>(kinds.size()));
        ctx.publish("ocr_with_rpa", kinds.count("ai_ocr") > 0 && rpa > 0);
        ctx.publish("advanced_ai", kinds.count("prediction") > 0 || kinds.count("image") > 0);
        if (hours_known) {
            ctx.publish("hours_saved", hours);
            if (auto staff = ctx.profile_integer("staff"))  // [profile] staff: asked once, for every area
                ctx.publish("hours_per_staff", hours / static_cast<double>(*staff));
        }
    }
};

}  // namespace

DXASSESS_PLUGIN(AiRpa)
