// Why each area got its level — every criterion of every
// level, its outcome, its condition, and the answers that decided it.
#include "reports/report_explain.hpp"

#include "reports/report_reader.hpp"
#include "support/json_integer.hpp"

#include <cctype>
#include <sstream>
#include <vector>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

const char* mark(const json& criterion) {
    const json& outcome = field(criterion, "outcome");
    if (outcome.is_boolean()) return outcome.get<bool>() ? "✓" : "✗";
    return criterion.value("applicable", true) ? "?" : "–";
}

/// The reference figures a condition names (ref.<id>), as "label = value (as of date; source)".
std::vector<std::string> figures_named(const std::string& condition, const json& figures, bool en) {
    std::vector<std::string> out;
    if (!figures.is_array()) return out;
    for (const auto& f : figures) {
        const std::string name = "ref." + f.value("id", "");
        const std::size_t at = condition.find(name);
        const std::size_t end = at + name.size();
        if (at == std::string::npos || (end < condition.size() && (std::isalnum(static_cast<unsigned char>(condition[end])) || condition[end] == '_')))
            continue;
        std::string line = text_in(field(f, "label"), en) + " = " + f.value("value", "") + (en ? " (as of " : "（") + f.value("as_of", "") +
                           (en ? "; " : "時点、") + f.value("source", "") + (en ? ")" : "）");
        if (f.contains("caveat") && field(f, "caveat").is_object()) line += (en ? " — " : " — ") + text_in(field(f, "caveat"), en);
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace

std::string explain_area(const json& a, const json& figures, bool en) {
    std::ostringstream out;
    out << text_in(field(a, "title"), en) << " (" << a.value("id", "") << ")";
    const std::string status = a.value("status", "");
    if (status == "not_scored") {
        out << " — " << (en ? "not scored: " : "評価できませんでした: ") << text_in(field(a, "reason"), en) << "\n";
        return out.str();
    }
    if (status == "incomplete") {
        out << " — " << (en ? "cannot be assessed (answers missing):" : "評価できません（回答不足）:");
        for (const auto& q : field(a, "missing_required")) out << " " << q.value("id", "");
        out << "\n  " << (en ? "provisional, from the answers given" : "回答済みの分だけで見た暫定の判定");
    }
    out << " — " << (en ? "level " : "レベル ") << json_integer<int>(field(a, "level")) << " (" << text_in(field(a, "level_name"), en) << "), "
        << (en ? "score " : "スコア ") << json_integer<int>(field(a, "score")) << "\n";
    for (const auto& l : field(a, "levels")) {
        const bool holds = l.value("holds", false);
        out << "  " << (en ? "Level " : "レベル ") << json_integer<int>(field(l, "level")) << " " << (holds ? "✓ " : "✗ ")
            << (holds ? (en ? "met" : "達成") : (en ? "not met" : "未達")) << " (" << json_integer_or(l, "met", 0) << "/" << json_integer_or(l, "total", 0) << ")\n";
        if (!l.value("source", "").empty()) out << "    " << (en ? "source: " : "出典: ") << l.value("source", "") << "\n";
        if (l.contains("caveat") && field(l, "caveat").is_object()) out << "    " << (en ? "caveat: " : "注記: ") << text_in(field(l, "caveat"), en) << "\n";
        for (const auto& c : field(l, "criteria")) {
            out << "    " << mark(c) << " " << text_in(field(c, "text"), en) << " [" << c.value("id", "") << "]";
            if (!c.value("applicable", true)) out << (en ? " (not applicable)" : "（該当なし）");
            else if (!field(c, "outcome").is_boolean()) out << (en ? " (unanswered)" : "（未回答）");
            out << "\n      " << (en ? "condition: " : "条件: ") << c.value("condition", "") << "\n";
            for (const auto& f : figures_named(c.value("condition", ""), figures, en))
                out << "      " << (en ? "national figure: " : "全国値・期限: ") << f << "\n";
            for (const auto& i : field(c, "inputs"))
                out << "      " << (en ? "answer: " : "回答: ") << text_in(field(i, "label"), en) << " (" << i.value("name", "") << ") = "
                    << text_in(field(i, "display"), en) << "\n";
        }
    }
    return out.str();
}

}  // namespace dxassess::host
