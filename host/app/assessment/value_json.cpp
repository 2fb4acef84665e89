#include "assessment/value_json.hpp"

#include "support/json_integer.hpp"

#include <memory>

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

nlohmann::json answer_to_json(const engine::AnswerNode& node) {
    nlohmann::json j = {{"value", value_to_json(node.value)}, {"at", {node.where.file, node.where.line, node.where.column}}};
    if (node.na) j["na"] = node.na->id;
    if (node.notes) j["notes"] = {node.notes->note, node.notes->evidence, node.notes->owner, node.notes->answered_by};
    if (node.is_list) {
        j["items"] = nlohmann::json::array();
        for (const auto& item : node.items) j["items"].push_back(answer_to_json(item));
    }
    if (node.is_table) {
        j["members"] = nlohmann::json::array();
        for (const auto& [key, member] : node.members) j["members"].push_back({key, answer_to_json(member)});
    }
    return j;
}

engine::AnswerNode answer_from_json(const nlohmann::json& j) {
    const auto& at = j.at("at");
    engine::AnswerNode node(value_from_json(j.at("value")),
                            {at.at(0).get<std::string>(), json_integer<std::uint32_t>(at.at(1)), json_integer<std::uint32_t>(at.at(2))});
    if (j.contains("na")) {
        node.na = engine::find_na_reason(j["na"].get<std::string>());
        if (!node.na) throw nlohmann::json::out_of_range::create(406, "no such 該当なし reason", &j);
    }
    if (j.contains("notes")) {
        const auto& n = j["notes"];
        node.notes = std::make_shared<const engine::AnswerNotes>(
            engine::AnswerNotes{n.at(0).get<std::string>(), n.at(1).get<std::string>(), n.at(2).get<std::string>(), n.at(3).get<std::string>()});
    }
    if (j.contains("items")) {
        node.is_list = true;
        for (const auto& item : j["items"]) node.items.push_back(answer_from_json(item));
    }
    if (j.contains("members")) {
        node.is_table = true;
        for (const auto& m : j["members"]) node.members.emplace_back(m.at(0).get<std::string>(), answer_from_json(m.at(1)));
    }
    return node;
}

nlohmann::json profile_to_json(const engine::Profile& p) {
    return {{"code", p.code},   {"name", p.name},   {"prefecture", p.prefecture}, {"population", p.population},
            {"fiscal_year", p.fiscal_year}, {"staff", p.staff}, {"peer_group", p.peer_group}, {"type", p.type},
            {"as_of", p.as_of.str()}};
}

engine::Profile profile_from_json(const nlohmann::json& j) {
    engine::Profile p;
    p.code = j.at("code").get<std::string>();
    p.name = j.at("name").get<std::string>();
    p.prefecture = j.at("prefecture").get<std::string>();
    p.population = json_integer<std::int64_t>(j.at("population"));
    p.fiscal_year = json_integer<int>(j.at("fiscal_year"));
    p.staff = json_integer<std::int64_t>(j.at("staff"));
    p.peer_group = j.at("peer_group").get<std::string>();
    p.type = j.at("type").get<std::string>();
    p.as_of = engine::Date::parse(j.at("as_of").get<std::string>());
    return p;
}

}  // namespace dxassess::host
