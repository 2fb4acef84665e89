// Why each area got its level — every criterion of every
// level, its outcome, its condition, and the answers that decided it.
#include "reports/report_explain.hpp"

#include "reports/report_reader.hpp"

#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

const char* mark(const json& criterion) {
    const json& outcome = criterion["outcome"];
    if (outcome.is_boolean()) return outcome.get<bool>() ? "✓" : "✗";
    return criterion.value("applicable", true) ? "?" : "–";
}

}  // namespace

std::string explain_area(const json& a, bool en) {
    std::ostringstream out;
    out << text_in(a["title"], en) << " (" << a.value("id", "") << ")";
    const std::string status = a.value("status", "");
    if (status == "not_scored") {
        out << " — " << (en ? "not scored: " : "評価できませんでした: ") << text_in(a["reason"], en) << "\n";
        return out.str();
    }
    if (status == "incomplete") {
        out << " — " << (en ? "cannot be assessed (answers missing):" : "評価できません（回答不足）:");
        for (const auto& q : a["missing_required"]) out << " " << q.value("id", "");
        out << "\n  " << (en ? "provisional, from the answers given" : "回答済みの分だけで見た暫定の判定");
    }
    out << " — " << (en ? "level " : "レベル ") << a["level"].get<int>() << " (" << text_in(a["level_name"], en) << "), "
        << (en ? "score " : "スコア ") << a["score"].get<int>() << "\n";
    for (const auto& l : a["levels"]) {
        const bool holds = l.value("holds", false);
        out << "  " << (en ? "Level " : "レベル ") << l["level"].get<int>() << " " << (holds ? "✓ " : "✗ ")
            << (holds ? (en ? "met" : "達成") : (en ? "not met" : "未達")) << " (" << l.value("met", 0) << "/" << l.value("total", 0) << ")\n";
        for (const auto& c : l["criteria"]) {
            out << "    " << mark(c) << " " << text_in(c["text"], en) << " [" << c.value("id", "") << "]";
            if (!c.value("applicable", true)) out << (en ? " (not applicable)" : "（該当なし）");
            else if (!c["outcome"].is_boolean()) out << (en ? " (unanswered)" : "（未回答）");
            out << "\n      " << (en ? "condition: " : "条件: ") << c.value("condition", "") << "\n";
            for (const auto& i : c["inputs"])
                out << "      " << (en ? "answer: " : "回答: ") << text_in(i["label"], en) << " (" << i.value("name", "") << ") = "
                    << text_in(i["display"], en) << "\n";
        }
    }
    return out.str();
}

}  // namespace dxassess::host
