// What changed between two reports — levels, scores, findings
// resolved and new — and whether the scores are comparable (same rule-set and model versions, same reference data).
#include "reports/report_diff.hpp"
#include "reports/report_content.hpp"

#include "reports/report_reader.hpp"
#include "support/json_integer.hpp"

#include <algorithm>
#include <sstream>

namespace dxassess::host {
namespace {

using json = nlohmann::ordered_json;

const json* find_area(const json& report, const std::string& id) {
    for (const auto& a : field(report, "areas"))
        if (a.value("id", "") == id) return &a;
    return nullptr;
}

std::vector<std::string> check_ids(const json& area) {
    std::vector<std::string> ids;
    if (area.contains("findings"))
        for (const auto& f : field(area, "findings")) ids.push_back(f.value("check", ""));
    return ids;
}

json finding_titles(const json& area, const std::vector<std::string>& ids) {
    json out = json::array();
    for (const auto& id : ids)
        for (const auto& f : field(area, "findings"))
            if (f.value("check", "") == id) out.push_back({{"check", id}, {"title", field(f, "title")}});
    return out;
}

json change(const json& old_v, const json& new_v) {
    json c = {{"old", old_v}, {"new", new_v}};
    c["delta"] = old_v.is_number() && new_v.is_number() ? json(new_v.get<double>() - old_v.get<double>()) : json(nullptr);
    return c;
}

/// Levels and scores are integers: a report that says 2.5 is refused, not compared.
json integer_change(const json& old_v, const json& new_v) {
    const auto checked = [](const json& v) { return v.is_null() ? v : json(json_integer<int>(v)); };
    return change(checked(old_v), checked(new_v));
}

std::string rules_version(const json& area) {
    return area.contains("rules") ? field(area, "rules").value("version", "") : std::string();
}

std::string model_version(const json& r) {
    if (r.contains("provenance") && field(r, "provenance").contains("model")) return field(field(r, "provenance"), "model").value("version", "");
    return {};
}

/// The reference data a report compared with: "version (sha256 prefix)", or "" (none, or a report before 1.2).
std::string reference_label(const json& r) {
    if (!r.contains("provenance") || !field(r, "provenance").contains("reference") || !field(field(r, "provenance"), "reference").is_object()) return {};
    const json& ref = field(field(r, "provenance"), "reference");
    return ref.value("version", "") + " (" + ref.value("sha256", "").substr(0, 12) + ")";
}

}  // namespace

json diff_reports(const json& o, const json& n, const std::string& old_path, const std::string& new_path) {
    json d;
    const auto side = [](const json& r, const std::string& path) {
        return json{{"file", path}, {"fiscal_year", json_integer_or(field(r, "municipality"), "fiscal_year", 0)},
                    {"as_of", r.value("as_of", "")}, {"generated_at", r.value("generated_at", "")}};
    };
    d["old"] = side(o, old_path);
    d["new"] = side(n, new_path);
    d["municipality"] = field(n, "municipality");
    json warnings = json::array();
    if (field(o, "municipality").value("code", "") != field(n, "municipality").value("code", ""))
        warnings.push_back({{"ja", "別の団体のレポートです（" + field(o, "municipality").value("code", "") + " と " + field(n, "municipality").value("code", "") + "）"},
                            {"en", "the reports are of different municipalities (" + field(o, "municipality").value("code", "") + " and " +
                                       field(n, "municipality").value("code", "") + ")"}});
    if (model_version(o) != model_version(n))
        warnings.push_back({{"ja", "共通モデルのバージョンが異なります（" + model_version(o) + " → " + model_version(n) + "）: 総合指数は厳密には比較できません"},
                            {"en", "the common model differs (" + model_version(o) + " → " + model_version(n) + "): overall indexes are not strictly comparable"}});
    if (reference_label(o) != reference_label(n)) {
        const std::string from = reference_label(o).empty() ? "-" : reference_label(o), to = reference_label(n).empty() ? "-" : reference_label(n);
        warnings.push_back({{"ja", "参照データ（全国値・期限）が異なります（" + from + " → " + to + "）: 全国値や期限と比べる基準の判定は変わることがあります"},
                            {"en", "the reference data differs (" + from + " → " + to + "): criteria that compare with national figures or deadlines may differ"}});
    }
    d["overall"] = {{"index", change(field(field(o, "overall"), "index"), field(field(n, "overall"), "index"))},
                    {"level", integer_change(field(field(o, "overall"), "level"), field(field(n, "overall"), "level"))}};

    std::vector<std::string> ids;
    for (const auto* r : {&o, &n})
        for (const auto& a : field(*r, "areas"))
            if (std::find(ids.begin(), ids.end(), a.value("id", "")) == ids.end()) ids.push_back(a.value("id", ""));
    json areas = json::array();
    bool comparable = warnings.empty();
    for (const auto& id : ids) {
        const json* a = find_area(o, id);
        const json* b = find_area(n, id);
        json x = {{"id", id}, {"title", field(b ? *b : *a, "title")}};
        const bool both_scored = a && b && a->value("status", "") == "scored" && b->value("status", "") == "scored";
        x["status"] = {{"old", a ? json(a->value("status", "")) : json(nullptr)}, {"new", b ? json(b->value("status", "")) : json(nullptr)}};
        if (both_scored) {
            x["level"] = integer_change(field(*a, "level"), field(*b, "level"));
            x["score"] = integer_change(field(*a, "score"), field(*b, "score"));
            const auto before = check_ids(*a), after = check_ids(*b);
            std::vector<std::string> resolved, added;
            for (const auto& c : before)
                if (std::find(after.begin(), after.end(), c) == after.end()) resolved.push_back(c);
            for (const auto& c : after)
                if (std::find(before.begin(), before.end(), c) == before.end()) added.push_back(c);
            x["findings_resolved"] = finding_titles(*a, resolved);
            x["findings_new"] = finding_titles(*b, added);
            x["rules_version"] = {{"old", rules_version(*a)}, {"new", rules_version(*b)}};
            x["comparable"] = rules_version(*a) == rules_version(*b);
            comparable = comparable && x["comparable"].get<bool>();
        } else {
            x["comparable"] = false;
            comparable = false;
        }
        areas.push_back(std::move(x));
    }
    d["areas"] = std::move(areas);
    d["comparable"] = comparable;
    d["warnings"] = std::move(warnings);
    return d;
}

namespace {

std::string signed_num(double v) {
    std::ostringstream os;
    os.precision(3);
    os << (v > 0 ? "+" : "") << v;
    return os.str();
}

std::string num(const json& v) {
    if (v.is_null()) return "—";
    std::ostringstream os;
    os.precision(4);
    os << v.get<double>();
    return os.str();
}

}  // namespace

std::string render_diff_text(const json& d, bool en) {
    std::ostringstream out;
    const auto& m = d["municipality"];
    out << (en ? "Changes: " : "変化: ") << m.value("prefecture", "") << " " << m.value("name", "") << " (" << m.value("code", "")
        << ") " << fiscal_year_text(json_integer_or(d["old"], "fiscal_year", 0)).in(en ? engine::Lang::en : engine::Lang::ja) << " → "
        << fiscal_year_text(json_integer_or(d["new"], "fiscal_year", 0)).in(en ? engine::Lang::en : engine::Lang::ja) << "\n";
    for (const auto& w : d["warnings"]) out << "⚠ " << text_in(w, en) << "\n";
    const auto& idx = d["overall"]["index"];
    out << (en ? "overall index " : "総合指数 ") << num(idx["old"]) << " → " << num(idx["new"]);
    if (!idx["delta"].is_null()) out << " (" << signed_num(idx["delta"].get<double>()) << ")";
    out << "\n";
    for (const auto& a : d["areas"]) {
        out << text_in(a["title"], en) << ": ";
        if (!a.contains("level")) {
            out << (en ? "not comparable (scored in only one report: " : "比較できません（片方でのみ評価: ")
                << (a["status"]["old"].is_null() ? "—" : a["status"]["old"].get<std::string>()) << " → "
                << (a["status"]["new"].is_null() ? "—" : a["status"]["new"].get<std::string>()) << ")\n";
            continue;
        }
        out << (en ? "level " : "レベル ") << num(a["level"]["old"]) << " → " << num(a["level"]["new"]) << " ("
            << signed_num(a["level"]["delta"].get<double>()) << "), " << (en ? "score " : "スコア ") << num(a["score"]["old"]) << " → "
            << num(a["score"]["new"]) << " (" << signed_num(a["score"]["delta"].get<double>()) << ")\n";
        for (const auto& f : a["findings_resolved"]) out << "  ✓ " << (en ? "resolved: " : "解消: ") << text_in(f["title"], en) << " [" << f.value("check", "") << "]\n";
        for (const auto& f : a["findings_new"]) out << "  ! " << (en ? "new: " : "新規: ") << text_in(f["title"], en) << " [" << f.value("check", "") << "]\n";
        if (!a["comparable"].get<bool>())
            out << "  ⚠ " << (en ? "rule set version differs (" : "ルールのバージョンが異なります（") << a["rules_version"].value("old", "") << " → "
                << a["rules_version"].value("new", "") << (en ? "): scores are not strictly comparable" : "）: スコアは厳密には比較できません") << "\n";
    }
    return out.str();
}

}  // namespace dxassess::host
