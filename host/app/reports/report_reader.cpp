#include "reports/report_reader.hpp"

#include "reports/report.hpp"
#include "support/json_file.hpp"

#include "dxassess/engine/diagnostics.hpp"

namespace dxassess::host {

using engine::InputError;
using engine::Location;
using engine::Text;

nlohmann::ordered_json load_report(const std::string& path) { return parse_report(read_text_file(path), path); }

nlohmann::ordered_json parse_report(const std::string& text, const std::string& path) {
    nlohmann::ordered_json j = parse_json_text(text, path);
    const auto version = j.is_object() && j.contains("schema_version") && j["schema_version"].is_string()
                             ? j["schema_version"].get<std::string>() : std::string();
    if (version.empty() || !j.contains("areas") || !j["areas"].is_array() || !j.contains("overall") || !j.contains("municipality"))
        throw InputError(Location{path}, Text{"dxassess のレポートではありません（schema_version・areas・overall がありません）",
                                              "not a dxassess report (no schema_version, areas or overall)"});
    const std::string ours = report_schema_version;
    if (version.substr(0, version.find('.')) != ours.substr(0, ours.find('.')))
        throw InputError(Location{path}, Text{"レポートの形式 " + version + " はこの dxassess（" + ours + "）では読めません",
                                              "report schema " + version + " cannot be read by this dxassess (" + ours + ")"});
    return j;
}

const nlohmann::ordered_json& field(const nlohmann::ordered_json& o, const char* key) {
    static const nlohmann::ordered_json none;
    if (!o.is_object()) return none;
    const auto it = o.find(key);
    return it == o.end() ? none : *it;
}

std::string text_in(const nlohmann::ordered_json& text, bool english) {
    if (!text.is_object()) return text.is_string() ? text.get<std::string>() : std::string();
    const char* key = english ? "en" : "ja";
    if (text.contains(key) && text[key].is_string() && !text[key].get<std::string>().empty()) return text[key].get<std::string>();
    return text.value("ja", std::string());
}

}  // namespace dxassess::host
