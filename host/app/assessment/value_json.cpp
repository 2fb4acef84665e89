#include "assessment/value_json.hpp"

#include "support/json_integer.hpp"

namespace dxassess::host {

nlohmann::json value_to_json(const engine::Value& v) {
    struct Visitor {
        nlohmann::json operator()(std::monostate) const { return {{"t", "u"}}; }
        nlohmann::json operator()(bool b) const { return {{"t", "b"}, {"v", b}}; }
        nlohmann::json operator()(std::int64_t i) const { return {{"t", "i"}, {"v", i}}; }
        nlohmann::json operator()(double d) const { return {{"t", "n"}, {"v", d}}; }
        nlohmann::json operator()(const std::string& s) const { return {{"t", "s"}, {"v", s}}; }
        nlohmann::json operator()(const engine::Date& d) const { return {{"t", "d"}, {"v", d.str()}}; }
        nlohmann::json operator()(const engine::StringList& l) const { return {{"t", "l"}, {"v", l}}; }
    };
    return std::visit(Visitor{}, v);
}

engine::Value value_from_json(const nlohmann::json& j) {
    const std::string t = j.at("t").get<std::string>();
    if (t == "b") return j.at("v").get<bool>();
    if (t == "i") return json_integer<std::int64_t>(j.at("v"));
    if (t == "n") return j.at("v").get<double>();
    if (t == "s") return j.at("v").get<std::string>();
    if (t == "d") return engine::Date::parse(j.at("v").get<std::string>());
    if (t == "l") return j.at("v").get<engine::StringList>();
    return {};
}

}  // namespace dxassess::host
