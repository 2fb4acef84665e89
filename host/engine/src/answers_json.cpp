// Answers given as JSON (one municipality per line in batch input). Valid answers take the fast
// path (answers_json_fast.cpp); anything else is turned into the same TOML tree the answers file
// gives, so it is checked, and its problems worded, by exactly the same rules.
#include "dxassess/engine/answers.hpp"

#include "answers_json_fast.hpp"
#include "answers_table.hpp"

#include "dxassess/engine/json_input.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

namespace dxassess::engine {
namespace {

using json = nlohmann::json;

const Question* find_in(const std::vector<Question>& list, const std::string& id) {
    for (const auto& q : list)
        if (q.id == id) return &q;
    return nullptr;
}

/// A JSON value as a TOML node; `date_wanted` turns a "YYYY-MM-DD" string into a TOML date.
std::unique_ptr<toml::node> to_toml(const json& v, const Question* q);

/// `fields`: the questions or columns the keys name. `answer_of`: the object is one answer with
/// notes ({"value": …, "note": …}), whose value is read as that question's.
std::unique_ptr<toml::node> table_to_toml(const json& obj, const std::vector<Question>* fields, const Question* answer_of = nullptr) {
    auto t = std::make_unique<toml::table>();
    for (const auto& [k, v] : obj.items()) {
        const Question* q = answer_of ? (k == "value" ? answer_of : nullptr) : fields ? find_in(*fields, k) : nullptr;
        t->insert(k, std::move(*to_toml(v, q)));
    }
    return t;
}

/// An integer beyond int64 (TOML's range), thrown out of the conversion to be worded with the file.
struct IntegerTooLarge {
    std::string digits;
};

std::unique_ptr<toml::node> to_toml(const json& v, const Question* q) {
    switch (v.type()) {
        case json::value_t::boolean: return std::make_unique<toml::value<bool>>(v.get<bool>());
        case json::value_t::number_integer: return std::make_unique<toml::value<int64_t>>(v.get<int64_t>());
        case json::value_t::number_unsigned:  // nlohmann keeps 2^63 .. 2^64-1 here; a cast would wrap them
            if (v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) throw IntegerTooLarge{v.dump()};
            return std::make_unique<toml::value<int64_t>>(v.get<int64_t>());
        case json::value_t::number_float: return std::make_unique<toml::value<double>>(v.get<double>());
        case json::value_t::string: {
            const std::string s = v.get<std::string>();
            if (q && q->type == QuestionType::date) {
                const Date d = Date::parse(s);
                if (d.valid()) return std::make_unique<toml::value<toml::date>>(toml::date{d.year, d.month, d.day});
            }
            return std::make_unique<toml::value<std::string>>(s);
        }
        case json::value_t::array: {
            auto a = std::make_unique<toml::array>();
            for (const auto& e : v) {
                if (e.is_object()) a->push_back(std::move(*static_cast<toml::table*>(table_to_toml(e, q ? &q->columns : nullptr).get())));
                else a->push_back(std::move(*to_toml(e, nullptr)));
            }
            return a;
        }
        case json::value_t::object: return table_to_toml(v, nullptr, q);
        default: return std::make_unique<toml::table>();  // null: checked as a wrong type
    }
}

/// The JSON answers as the TOML table the answers-file rules check.
void convert_answers(const json& j, const AnswerSchema& schema, toml::table& root) {
    static const Question as_of{"as_of", QuestionType::date};
    for (const auto& [k, v] : j.items()) {
        const RuleSet* rs = nullptr;
        for (const RuleSet* r : schema.rule_sets)
            if (r->area == k) rs = r;
        if (k == "profile" && v.is_object()) {
            auto t = std::make_unique<toml::table>();
            for (const auto& [pk, pv] : v.items()) t->insert(pk, std::move(*to_toml(pv, pk == "as_of" ? &as_of : nullptr)));
            root.insert(k, std::move(*t));
        } else if (v.is_object()) {
            root.insert(k, std::move(*static_cast<toml::table*>(table_to_toml(v, rs ? &rs->questions : nullptr).get())));
        } else {
            root.insert(k, std::move(*to_toml(v, nullptr)));
        }
    }
}

}  // namespace

Answers parse_answers_json(const std::string& text, const std::string& source, const AnswerSchema& schema) {
    return parse_answers_json(text, Location{source}, schema);
}

Answers parse_answers_json(const std::string& text, const Location& origin, const AnswerSchema& schema) {
    Answers answers;
    parse_answers_json_into(text, origin, schema, answers);
    return answers;
}

void parse_answers_json_into(const std::string& text, const Location& origin, const AnswerSchema& schema, Answers& into) {
    if (read_valid_answers_json(text, origin.str(), schema, into)) return;
    try {
        into = parse_answers_json_checked(text, origin, schema);
    } catch (const InputError& e) {
        // The checked path's nodes carry no position: its problems are placed at the text's origin.
        std::vector<Diagnostic> placed = e.diagnostics();
        for (auto& d : placed)
            if (d.where.line == 0) d.where = Location{origin.file, origin.line, 0};
        throw InputError(std::move(placed));
    }
}

Answers parse_answers_json_checked(const std::string& text, const Location& origin, const AnswerSchema& schema) {
    const std::string source = origin.str();
    check_json_depth(text, origin);
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw InputError(location_of_byte(text, e.byte > 0 ? e.byte - 1 : 0, origin), json_syntax_error(e.what()));
    } catch (const json::exception& e) {  // e.g. 1e400: a number too large for a double (no position given)
        throw InputError(origin, json_syntax_error(e.what()));
    }
    if (!j.is_object()) throw InputError(origin, Text{"回答は JSON オブジェクトです", "answers must be a JSON object"});
    toml::table root;
    try {
        convert_answers(j, schema, root);
    } catch (const IntegerTooLarge& e) {
        throw InputError(origin, Text{"整数 " + e.digits + " は大きすぎます（最大 9223372036854775807）",
                                      "integer " + e.digits + " is too large (at most 9223372036854775807)"});
    }
    return answers_from_table(root, source, schema);
}

}  // namespace dxassess::engine
