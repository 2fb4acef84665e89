// Comparing rule-test expectations with results, and coverage of levels and checks.
#include "dxassess/engine/rule_tests.hpp"

#include <algorithm>

namespace dxassess::engine {
namespace {

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return "[" + out + "]";
}

/// "missing a, b; unexpected c" for two sets.
std::optional<std::string> set_diff(std::vector<std::string> want, std::vector<std::string> got) {
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    std::vector<std::string> missing, extra;
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
    if (missing.empty() && extra.empty()) return std::nullopt;
    std::string out;
    if (!missing.empty()) out += "missing " + join(missing);
    if (!extra.empty()) out += (out.empty() ? "" : "; ") + std::string("unexpected ") + join(extra);
    return out;
}

}  // namespace

std::vector<Text> compare(const AreaExpectation& e, const AreaResult& r) {
    std::vector<Text> out;
    const std::string& a = e.area;
    if (!r.scored) {
        out.push_back({a + ": 評価できませんでした: " + r.failure.ja, a + ": not scored: " + r.failure.en});
        return out;
    }
    if (e.level && *e.level != r.level)
        out.push_back({a + " レベル: 期待 " + std::to_string(*e.level) + "、結果 " + std::to_string(r.level),
                       a + " level: expected " + std::to_string(*e.level) + ", got " + std::to_string(r.level)});
    if (e.score && *e.score != r.score)
        out.push_back({a + " スコア: 期待 " + std::to_string(*e.score) + "、結果 " + std::to_string(r.score),
                       a + " score: expected " + std::to_string(*e.score) + ", got " + std::to_string(r.score)});
    const auto count = [&](const std::optional<int>& want, int got, const char* ja, const char* en) {
        if (want && *want != got)
            out.push_back({a + " " + ja + ": 期待 " + std::to_string(*want) + "、結果 " + std::to_string(got),
                           a + " " + en + ": expected " + std::to_string(*want) + ", got " + std::to_string(got)});
    };
    count(e.answered, r.answered, "回答した質問", "answered");
    count(e.questions, r.question_count, "質問数（対象外を除く）", "questions asked");
    if (e.complete && *e.complete != r.complete())
        out.push_back({a + std::string(" 回答の充足: 期待 ") + (*e.complete ? "充足" : "不足"),
                       a + " complete: expected " + (*e.complete ? "true" : "false")});
    if (e.findings) {
        std::vector<std::string> got;
        for (const auto& f : r.findings) got.push_back(f.check);
        if (auto d = set_diff(*e.findings, got))
            out.push_back({a + " 指摘事項: " + *d + "（期待 " + join(*e.findings) + "、結果 " + join(got) + "）",
                           a + " findings: " + *d + " (expected " + join(*e.findings) + ", got " + join(got) + ")"});
    }
    if (e.gap) {
        std::vector<std::string> got;
        for (const auto* c : r.gap()) got.push_back(c->id);
        if (auto d = set_diff(*e.gap, got))
            out.push_back({a + " 次のレベルへの差分: " + *d + "（期待 " + join(*e.gap) + "、結果 " + join(got) + "）",
                           a + " gap: " + *d + " (expected " + join(*e.gap) + ", got " + join(got) + ")"});
    }
    return out;
}

Coverage coverage(const RuleSet& rules, const std::vector<const AreaResult*>& results) {
    Coverage c;
    c.area = rules.area;
    c.levels_total = static_cast<int>(rules.levels.size());
    c.checks_total = static_cast<int>(rules.checks.size());
    int best = 0;
    std::vector<std::string> raised;
    for (const AreaResult* r : results) {
        if (r->area != rules.area || !r->scored) continue;
        best = std::max(best, r->level);
        for (const auto& f : r->findings) raised.push_back(f.check);
    }
    for (const auto& l : rules.levels)
        if (l.level > best) c.levels_missed.push_back(l.level);
    for (const auto& check : rules.checks)
        if (std::find(raised.begin(), raised.end(), check.id) == raised.end()) c.checks_missed.push_back(check.id);
    return c;
}

}  // namespace dxassess::engine
