// Checks of a report before it is stored. A well-formed report is read with simdjson (the fast
// path: reports are large, and the office collects them by the thousand); anything unexpected
// is read again with nlohmann::json, whose errors word the rejection. Both paths end in the
// same judgement, so a report is accepted or rejected for the same reasons either way.
#include "office/report_intake.hpp"

#include "reports/report.hpp"
#include "reports/report_reader.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <string_view>
#include <utility>
#include <vector>

namespace dxassess::host {
namespace {

/// What a report was scored with: each area's rule-set SHA-256, and the reference data's.
struct RuleDigests {
    std::vector<std::pair<std::string, std::string>> rule_sets;  // area, SHA-256
    std::string reference;                                       // "" when the report names none
};

/// The checks on what was read, in the order they are reported.
std::optional<Rejection> judge(const NewReport& r, const RuleDigests& digests, const IntakePolicy& policy) {
    const auto& official = policy.official;
    if (!engine::valid_local_government_code(r.code))
        return Rejection{"bad_code", {"全国地方公共団体コード '" + r.code + "' の検査数字が正しくありません",
                                      "the local government code '" + r.code + "' fails its check digit"}};
    if (r.fiscal_year < 2000 || r.fiscal_year > 2100)
        return Rejection{"bad_year", {"年度 " + std::to_string(r.fiscal_year) + " が範囲外です（2000〜2100）",
                                      "fiscal year " + std::to_string(r.fiscal_year) + " is out of range (2000..2100)"}};
    if (r.answers_text.empty())
        return Rejection{"no_answers", {"回答が含まれていません（再採点できません）", "the report carries no answers (it could not be re-scored)"}};
    if (digests.reference != policy.official_reference)
        return Rejection{"reference_not_official",
                         {"参照データ（全国値・期限）が公式のもの（reference.toml）と異なります（SHA-256 " +
                              (digests.reference.empty() ? std::string("なし") : digests.reference.substr(0, 12) + "…") + "）",
                          "the report was scored with reference data (national figures, deadlines) other than the official reference.toml (SHA-256 " +
                              (digests.reference.empty() ? std::string("none") : digests.reference.substr(0, 12) + "…") + ")"}};
    for (const auto& [area, sha] : digests.rule_sets) {
        const auto it = official.find(area);
        if (it == official.end() || it->second != sha)
            return Rejection{"rules_not_official",
                             {"領域 " + area + " が公式のルールセットと異なるルール（SHA-256 " + sha.substr(0, 12) + "…）で採点されています",
                              "area " + area + " was scored with rules that are not the official set (SHA-256 " + sha.substr(0, 12) + "…)"}};
    }
    // An area whose plugin failed says nothing of the answers; every other area must be answered.
    for (const auto& a : r.results) {
        if (!a.answered_area || a.completeness + 1e-9 >= policy.min_completeness) continue;
        char share[16], least[16];
        std::snprintf(share, sizeof share, "%.0f%%", a.completeness * 100);
        std::snprintf(least, sizeof least, "%.0f%%", policy.min_completeness * 100);
        return Rejection{"incomplete", {"領域 " + a.area + " の必須の回答が " + share + " しかありません（--min-completeness " + least + "）",
                                        "area " + a.area + " has " + share + " of its required answers (--min-completeness " + least + ")"}};
    }
    return std::nullopt;
}

/// The fast path: true when every field is present with its type; false leaves it to the checked path.
bool read_plain(const HashedFile& file, NewReport& out, RuleDigests& digests) {
    thread_local simdjson::dom::parser parser;
    using namespace simdjson;
    dom::object root, m, overall;
    std::string_view version, sv;
    const std::string_view text = file.text();
    const bool padded = file.spare() >= SIMDJSON_PADDING;  // else simdjson copies it
    if (parser.parse(text.data(), text.size(), !padded).get(root) || root["schema_version"].get(version) || root["municipality"].get(m) ||
        root["overall"].get(overall))
        return false;
    const std::string_view ours = report_schema_version;
    if (version.substr(0, version.find('.')) != ours.substr(0, ours.find('.'))) return false;
    std::int64_t year = 0, population = 0, level = 0;
    std::string_view code, name, prefecture;
    if (m["code"].get(code) || m["fiscal_year"].get(year) || m["name"].get(name) || m["prefecture"].get(prefecture) ||
        m["population"].get(population))
        return false;
    out.code = code;
    out.fiscal_year = static_cast<int>(year);
    out.name = name;
    out.prefecture = prefecture;
    out.population = population;
    if (dom::element type; !m["type"].get(type)) {
        if (type.get(sv)) return false;
        out.type = sv;
    }
    if (dom::element answers; !root["answers"].get(answers)) {
        dom::object a;
        if (answers.get(a)) return false;
        if (dom::element t; !a["text"].get(t)) {
            if (t.get(sv)) return false;
            out.answers_text = sv;
        }
    }
    dom::array rule_sets, areas;
    if (root.at_pointer("/provenance/rule_sets").get(rule_sets) || root["areas"].get(areas)) return false;
    for (dom::element rs : rule_sets) {
        std::string_view area, sha;
        if (rs["area"].get(area) || rs["sha256"].get(sha)) return false;
        digests.rule_sets.emplace_back(area, sha);
    }
    if (dom::element ref; !root.at_pointer("/provenance/reference").get(ref) && !ref.is_null()) {
        if (ref["sha256"].get(sv)) return false;
        digests.reference = sv;
    }
    if (overall["index"].get(out.overall_index) || overall["level"].get(level)) return false;
    out.overall_level = static_cast<int>(level);
    for (dom::element a : areas) {
        StoredResult s;
        std::string_view id, status;
        if (a["id"].get(id) || a["status"].get(status)) return false;
        s.area = id;
        s.scored = status == "scored";
        s.answered_area = status != "not_scored";
        s.completeness = s.scored ? 1.0 : 0.0;  // reports before 1.1 carry no required_completeness
        if (double c = 0; !a["required_completeness"].get(c)) s.completeness = c;
        if (s.answered_area) {
            std::int64_t l = 0, score = 0;
            if (a["level"].get(l) || a["score"].get(score)) return false;
            s.level = static_cast<int>(l);
            s.score = static_cast<int>(score);
            if (dom::element rules; !a["rules"].get(rules)) {
                if (rules["version"].get(sv)) return false;
                s.rules_version = sv;
            }
        }
        out.results.push_back(std::move(s));
    }
    return true;
}

/// The checked path: nlohmann::json, whose exceptions become the rejection's words.
void read_checked(const std::string& text, const std::string& file, NewReport& out, RuleDigests& digests) {
    using json = nlohmann::ordered_json;
    const json r = parse_report(text, file);
    const json& m = r.at("municipality");
    out.code = m.value("code", "");
    out.fiscal_year = m.value("fiscal_year", 0);
    out.name = m.value("name", "");
    out.prefecture = m.value("prefecture", "");
    out.population = m.value("population", 0LL);
    out.type = m.contains("type") && m["type"].is_string() ? m["type"].get<std::string>() : std::string();
    if (r.contains("answers") && r["answers"].is_object()) out.answers_text = r["answers"].value("text", "");
    for (const auto& rs : r.at("provenance").at("rule_sets")) digests.rule_sets.emplace_back(rs.value("area", ""), rs.value("sha256", ""));
    if (const auto& prov = r.at("provenance"); prov.contains("reference") && prov["reference"].is_object())
        digests.reference = prov["reference"].value("sha256", "");
    out.overall_index = r.at("overall").value("index", 0.0);
    out.overall_level = r.at("overall").value("level", 0);
    for (const auto& a : r.at("areas")) {
        StoredResult s;
        s.area = a.value("id", "");
        s.scored = a.value("status", "") == "scored";
        s.answered_area = a.value("status", "") != "not_scored";
        s.completeness = a.value("required_completeness", s.scored ? 1.0 : 0.0);
        if (s.answered_area) {
            s.level = a.value("level", 0);
            s.score = a.value("score", 0);
            s.rules_version = a.contains("rules") ? a["rules"].value("version", "") : std::string();
        }
        out.results.push_back(std::move(s));
    }
}

}  // namespace

void read_report_file(const std::string& path, HashedFile& file) { file.read(path, simdjson::SIMDJSON_PADDING); }

std::optional<Rejection> examine_report(const HashedFile& file, const std::string& path, const IntakePolicy& policy, NewReport& out) {
    RuleDigests digests;
    try {
        if (!read_plain(file, out, digests)) {
            out = NewReport{};
            digests = RuleDigests{};
            read_checked(std::string(file.text()), path, out, digests);
        }
    } catch (const engine::InputError& e) {
        const bool version = e.diagnostics().front().message.en.find("report schema") != std::string::npos;
        return Rejection{version ? "schema_version" : "not_a_report", e.diagnostics().front().message};
    } catch (const nlohmann::json::exception& e) {
        return Rejection{"not_a_report", {std::string("レポートの形式が正しくありません: ") + e.what(), std::string("malformed report: ") + e.what()}};
    }
    if (auto rejection = judge(out, digests, policy)) return rejection;
    out.sha256 = file.sha256();
    out.source_file = path;
    return std::nullopt;
}

}  // namespace dxassess::host
