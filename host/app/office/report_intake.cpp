// Checks of a report before it is stored. A well-formed report is read with simdjson (the fast
// path: reports are large, and the office collects them by the thousand); anything unexpected
// is read again with nlohmann::json, whose errors word the rejection. Both paths end in the
// same judgement, so a report is accepted or rejected for the same reasons either way.
#include "office/report_intake.hpp"

#include "reports/report.hpp"
#include "reports/report_reader.hpp"
#include "support/json_file.hpp"
#include "support/json_integer.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

namespace dxassess::host {
namespace {

/// What a report says it was scored with.
struct RuleDigests {
    struct RuleSet {
        std::string area, version, sha256;
    };
    std::vector<RuleSet> rule_sets;
    std::string model;      // SHA-256 of model.toml
    std::string reference;  // "" when the report names none
};

std::string percent(double share) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
    return buf;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// The first figure outside the range the report schema allows, if any.
std::optional<Rejection> out_of_range(const NewReport& r) {
    const auto reject = [](const std::string& field, double v, const std::string& range) {
        return Rejection{"out_of_range", {field + " の値 " + number(v) + " が範囲外です（" + range + "）",
                                          field + " is " + number(v) + ", out of range (" + range + ")"}};
    };
    if (r.population < 0 || r.population > 40'000'000) return reject("municipality.population", static_cast<double>(r.population), "0..40000000");
    if (r.staff < 0 || r.staff > 1'000'000) return reject("municipality.staff", static_cast<double>(r.staff), "0..1000000");
    if (!(r.overall_index >= 0 && r.overall_index <= 100)) return reject("overall.index", r.overall_index, "0..100");
    if (r.overall_level < 0 || r.overall_level > 5) return reject("overall.level", r.overall_level, "0..5");
    if (r.overall_mean_level && !(*r.overall_mean_level >= 0 && *r.overall_mean_level <= 5))
        return reject("overall.mean_level", *r.overall_mean_level, "0..5");
    for (const auto& a : r.results) {
        const std::string at = "areas[" + a.area + "].";
        if (a.level < 0 || a.level > 5) return reject(at + "level", a.level, "0..5");
        if (a.score < 0 || a.score > 100) return reject(at + "score", a.score, "0..100");
        if (!(a.completeness >= 0 && a.completeness <= 1)) return reject(at + "required_completeness", a.completeness, "0..1");
        if (a.status != "scored" && a.status != "incomplete" && a.status != "not_scored")
            return Rejection{"out_of_range", {at + "status の値 '" + a.status + "' は scored / incomplete / not_scored のどれでもありません",
                                              at + "status '" + a.status + "' is none of scored, incomplete, not_scored"}};
    }
    return std::nullopt;
}

/// The checks on what was read, in the order they are reported.
std::optional<Rejection> judge(const NewReport& r, const RuleDigests& digests, const IntakePolicy& policy) {
    const auto short_sha = [](const std::string& sha, bool en) { return sha.empty() ? std::string(en ? "none" : "なし") : sha.substr(0, 12) + "…"; };
    if (!engine::valid_local_government_code(r.code))
        return Rejection{"bad_code", {"全国地方公共団体コード '" + r.code + "' の検査数字が正しくありません",
                                      "the local government code '" + r.code + "' fails its check digit"}};
    if (r.fiscal_year < 2000 || r.fiscal_year > 2100)
        return Rejection{"bad_year", {"年度 " + std::to_string(r.fiscal_year) + " が範囲外です（2000〜2100）",
                                      "fiscal year " + std::to_string(r.fiscal_year) + " is out of range (2000..2100)"}};
    if (auto rejection = out_of_range(r)) return rejection;
    if (r.answers_text.empty())
        return Rejection{"no_answers", {"回答が含まれていません（再採点できません）", "the report carries no answers (it could not be re-scored)"}};
    if (!policy.official_model.empty() && digests.model != policy.official_model)
        return Rejection{"rules_not_official", {"公式のものと異なるモデル（model.toml、SHA-256 " + short_sha(digests.model, false) + "）で採点されています",
                                                "the report was scored with a model (model.toml) other than the official one (SHA-256 " +
                                                    short_sha(digests.model, true) + ")"}};
    if (digests.reference != policy.official_reference)
        return Rejection{"reference_not_official",
                         {"参照データ（全国値・期限）が公式のもの（reference.toml）と異なります（SHA-256 " + short_sha(digests.reference, false) + "）",
                          "the report was scored with reference data (national figures, deadlines) other than the official reference.toml (SHA-256 " +
                              short_sha(digests.reference, true) + ")"}};
    // Every area of the model, with the entry that names its rule set: an area left out would
    // escape both the digest check and the re-scoring.
    for (const auto& area : policy.model_areas) {
        if (std::none_of(r.results.begin(), r.results.end(), [&](const StoredResult& a) { return a.area == area; }))
            return Rejection{"missing_area", {"モデルの領域 " + area + " がレポートにありません", "the model's area " + area + " is not in the report"}};
        if (std::none_of(digests.rule_sets.begin(), digests.rule_sets.end(), [&](const RuleDigests::RuleSet& rs) { return rs.area == area; }))
            return Rejection{"missing_rule_set",
                             {"領域 " + area + " のルールセット（provenance.rule_sets）がありません（プラグインが失敗した領域は再評価してから提出）",
                              "area " + area + " has no rule-set entry in provenance.rule_sets (an area whose plugin failed must be assessed again before submitting)"}};
    }
    for (const auto& rs : digests.rule_sets) {
        const auto it = policy.official.find(rs.area);
        if (it == policy.official.end() || it->second != rs.sha256)
            return Rejection{"rules_not_official",
                             {"領域 " + rs.area + " が公式のルールセットと異なるルール（SHA-256 " + short_sha(rs.sha256, false) + "）で採点されています",
                              "area " + rs.area + " was scored with rules that are not the official set (SHA-256 " + short_sha(rs.sha256, true) + ")"}};
        const auto v = policy.official_versions.find(rs.area);
        if (v != policy.official_versions.end() && v->second != rs.version)
            return Rejection{"rules_not_official", {"領域 " + rs.area + " のルールセットの版 " + rs.version + " が公式の版 " + v->second + " と異なります",
                                                    "area " + rs.area + " names rule-set version " + rs.version + ", the official set is " + v->second}};
    }
    for (const auto& a : r.results) {
        const auto v = policy.official_versions.find(a.area);
        if (a.answered_area && v != policy.official_versions.end() && a.rules_version != v->second)
            return Rejection{"rules_not_official", {"領域 " + a.area + " のルールの版 " + a.rules_version + " が公式の版 " + v->second + " と異なります",
                                                    "area " + a.area + " names rules version " + a.rules_version + ", the official set is " + v->second}};
    }
    // An area whose plugin failed says nothing of the answers; every other area must be answered.
    for (const auto& a : r.results) {
        if (!a.answered_area || a.completeness + 1e-9 >= policy.min_completeness) continue;
        return Rejection{"incomplete", {"領域 " + a.area + " の必須の回答が " + percent(a.completeness) + " しかありません（--min-completeness " +
                                            percent(policy.min_completeness) + "）",
                                        "area " + a.area + " has " + percent(a.completeness) + " of its required answers (--min-completeness " +
                                            percent(policy.min_completeness) + ")"}};
    }
    return std::nullopt;
}

/// Whether every object in the document names each key once. simdjson finds the first of two equal
/// keys and nlohmann keeps the last; the checked path refuses such a report, so the fast path leaves
/// it to that path. Objects of a report are small: comparing each key with the ones before it is
/// quicker than sorting.
bool all_keys_unique(simdjson::dom::element e) {
    using namespace simdjson;
    const auto nested = [](dom::element v) {
        const dom::element_type t = v.type();
        return t == dom::element_type::OBJECT || t == dom::element_type::ARRAY;
    };
    if (e.type() == dom::element_type::ARRAY) {
        for (dom::element item : dom::array(e))
            if (nested(item) && !all_keys_unique(item)) return false;
        return true;
    }
    if (e.type() != dom::element_type::OBJECT) return true;
    std::array<std::string_view, 32> seen;
    std::vector<std::string_view> many;  // an object larger than the report's own: sorted instead
    std::size_t n = 0;
    for (const auto field : dom::object(e)) {
        if (n < seen.size()) {
            for (std::size_t i = 0; i < n; ++i)
                if (seen[i] == field.key) return false;
            seen[n] = field.key;
        } else {
            many.push_back(field.key);
        }
        ++n;
        if (nested(field.value) && !all_keys_unique(field.value)) return false;
    }
    if (!many.empty()) {
        many.insert(many.end(), seen.begin(), seen.end());
        std::sort(many.begin(), many.end());
        if (std::adjacent_find(many.begin(), many.end()) != many.end()) return false;
    }
    return true;
}

/// The fast path: true when every field is present with its type; false leaves it to the checked path.
bool read_plain(const HashedFile& file, NewReport& out, RuleDigests& digests) {
    thread_local simdjson::dom::parser parser;
    using namespace simdjson;
    dom::object root, m, overall, provenance;
    std::string_view version, sv;
    const std::string_view text = file.text();
    const bool padded = file.spare() >= SIMDJSON_PADDING;  // else simdjson copies it
    dom::element document;
    if (parser.parse(text.data(), text.size(), !padded).get(document) || document.get(root) || root["schema_version"].get(version) ||
        root["municipality"].get(m) ||
        root["overall"].get(overall) || root["provenance"].get(provenance))
        return false;
    // No object anywhere names a key twice: the checked path refuses such a report, and so must intake.
    if (!all_keys_unique(document)) return false;
    const std::string_view ours = report_schema_version;
    if (version.substr(0, version.find('.')) != ours.substr(0, ours.find('.'))) return false;
    std::int64_t year = 0, population = 0, level = 0;
    std::string_view code, name, prefecture;
    if (m["code"].get(code) || m["fiscal_year"].get(year) || m["name"].get(name) || m["prefecture"].get(prefecture) ||
        m["population"].get(population) || !std::in_range<int>(year))
        return false;  // (an int out of range: the checked path says so)
    out.code = code;
    out.fiscal_year = static_cast<int>(year);
    out.name = name;
    out.prefecture = prefecture;
    out.population = population;
    // Optional members: absent or null means not given.
    const auto optional_string = [](dom::object o, const char* key, std::string& to) {
        dom::element e;
        if (o[key].get(e) || e.is_null()) return true;
        std::string_view v;
        if (e.get(v)) return false;
        to = v;
        return true;
    };
    if (!optional_string(m, "type", out.type) || !optional_string(m, "peer_group", out.peer_group)) return false;
    if (dom::element staff; !m["staff"].get(staff) && !staff.is_null()) {
        std::int64_t n = 0;
        if (staff.get(n)) return false;
        out.staff = n;
    }
    if (dom::element answers; !root["answers"].get(answers)) {
        dom::object a;
        if (answers.get(a) || !optional_string(a, "text", out.answers_text) || !optional_string(a, "format", out.answers_format))
            return false;
    }
    out.has_signature = !root["signature"].error();
    dom::array rule_sets, areas;
    if (provenance["rule_sets"].get(rule_sets) || root["areas"].get(areas)) return false;
    for (dom::element rs : rule_sets) {
        std::string_view area, rs_version, sha;
        if (rs["area"].get(area) || rs["version"].get(rs_version) || rs["sha256"].get(sha)) return false;
        digests.rule_sets.push_back({std::string(area), std::string(rs_version), std::string(sha)});
    }
    if (provenance["model"]["sha256"].get(sv)) return false;
    digests.model = sv;
    if (dom::element ref; !provenance["reference"].get(ref) && !ref.is_null()) {
        if (ref["sha256"].get(sv)) return false;
        digests.reference = sv;
    }
    if (overall["index"].get(out.overall_index) || overall["level"].get(level) || !std::in_range<int>(level)) return false;
    out.overall_level = static_cast<int>(level);
    if (dom::element mean; !overall["mean_level"].get(mean)) {
        double v = 0;
        if (mean.get(v)) return false;
        out.overall_mean_level = v;
    }
    for (dom::element a : areas) {
        StoredResult s;
        std::string_view id, status;
        if (a["id"].get(id) || a["status"].get(status)) return false;
        s.area = id;
        s.status = status;
        s.scored = status == "scored";
        s.answered_area = status != "not_scored";
        s.completeness = s.scored ? 1.0 : 0.0;  // reports before 1.1 carry no required_completeness
        if (dom::element c; !a["required_completeness"].get(c)) {
            double share = 0;
            if (c.get(share)) return false;  // present but not a number: the checked path refuses it
            s.completeness = share;
        }
        if (s.answered_area) {
            std::int64_t l = 0, score = 0;
            if (a["level"].get(l) || a["score"].get(score) || !std::in_range<int>(l) || !std::in_range<int>(score)) return false;
            s.level = static_cast<int>(l);
            s.score = static_cast<int>(score);
            if (dom::element rules; !a["rules"].get(rules)) {
                if (rules["version"].get(sv)) return false;
                s.rules_version = sv;
            }
            dom::array findings;
            if (a["findings"].get(findings)) return false;
            for (dom::element f : findings) {
                if (f["check"].get(sv)) return false;
                s.findings.emplace_back(sv);
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
    const auto optional_string = [](const json& o, const char* key) {
        return o.contains(key) && !o[key].is_null() ? o[key].get<std::string>() : std::string();
    };
    out.code = m.at("code").get<std::string>();
    out.fiscal_year = json_integer<int>(m.at("fiscal_year"));
    out.name = m.at("name").get<std::string>();
    out.prefecture = m.at("prefecture").get<std::string>();
    out.population = json_integer<long long>(m.at("population"));
    out.type = optional_string(m, "type");
    out.peer_group = optional_string(m, "peer_group");
    out.staff = m.contains("staff") && !m["staff"].is_null() ? json_integer<long long>(m["staff"]) : 0;
    if (r.contains("answers") && r["answers"].is_object()) {
        out.answers_text = optional_string(r["answers"], "text");
        if (const std::string f = optional_string(r["answers"], "format"); !f.empty()) out.answers_format = f;
    }
    out.has_signature = r.contains("signature");
    const json& prov = r.at("provenance");
    for (const auto& rs : prov.at("rule_sets"))
        digests.rule_sets.push_back({rs.at("area").get<std::string>(), rs.at("version").get<std::string>(), rs.at("sha256").get<std::string>()});
    digests.model = prov.at("model").at("sha256").get<std::string>();
    if (prov.contains("reference") && prov["reference"].is_object()) digests.reference = prov["reference"].at("sha256").get<std::string>();
    out.overall_index = r.at("overall").at("index").get<double>();
    out.overall_level = json_integer<int>(r.at("overall").at("level"));
    if (r.at("overall").contains("mean_level")) out.overall_mean_level = r["overall"]["mean_level"].get<double>();
    for (const auto& a : r.at("areas")) {
        StoredResult s;
        s.area = a.at("id").get<std::string>();
        s.status = a.at("status").get<std::string>();
        s.scored = s.status == "scored";
        s.answered_area = s.status != "not_scored";
        s.completeness = a.value("required_completeness", s.scored ? 1.0 : 0.0);
        if (s.answered_area) {
            s.level = json_integer<int>(a.at("level"));
            s.score = json_integer<int>(a.at("score"));
            s.rules_version = a.contains("rules") ? a["rules"].at("version").get<std::string>() : std::string();
            for (const auto& f : a.at("findings")) s.findings.push_back(f.at("check").get<std::string>());
        }
        out.results.push_back(std::move(s));
    }
}

}  // namespace

namespace {
std::vector<std::string> flatten(const RuleDigests& d) {
    std::vector<std::string> out;
    for (const auto& rs : d.rule_sets) out.push_back("rules " + rs.area + " " + rs.version + " " + rs.sha256);
    out.push_back("model " + d.model);
    out.push_back("reference " + d.reference);
    return out;
}
}  // namespace

bool read_report_fast(const HashedFile& file, NewReport& out, std::vector<std::string>& digests) {
    RuleDigests d;
    const bool plain = read_plain(file, out, d);
    digests = flatten(d);
    return plain;
}

void read_report_checked(const std::string& text, const std::string& path, NewReport& out, std::vector<std::string>& digests) {
    RuleDigests d;
    read_checked(text, path, out, d);
    digests = flatten(d);
}

void read_report_file(const std::string& path, HashedFile& file) { file.read(path, simdjson::SIMDJSON_PADDING, max_json_file_bytes); }

std::optional<Rejection> examine_report(const HashedFile& file, const std::string& path, const IntakePolicy& policy, NewReport& out) {
    RuleDigests digests;
    try {
        if (!read_plain(file, out, digests)) {
            // Start again from nothing: what the fast path read before it stopped must not stay.
            NewReport checked;
            RuleDigests checked_digests;
            read_checked(std::string(file.text()), path, checked, checked_digests);
            out = std::move(checked);
            digests = std::move(checked_digests);
        }
    } catch (const engine::InputError& e) {
        const engine::Diagnostic& d = e.diagnostics().front();
        const bool version = d.message.en.find("report schema") != std::string::npos;
        return Rejection{version ? "schema_version" : "not_a_report", d.message, d.where};
    } catch (const nlohmann::json::exception& e) {
        return Rejection{"not_a_report", {std::string("レポートの形式が正しくありません: ") + e.what(), std::string("malformed report: ") + e.what()}, engine::Location{path}};
    }
    if (auto rejection = judge(out, digests, policy)) return rejection;
    out.sha256 = file.sha256();
    out.source_file = path;
    return std::nullopt;
}

}  // namespace dxassess::host
