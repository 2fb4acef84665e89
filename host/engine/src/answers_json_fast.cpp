// The fast path for JSON answers: simdjson's DOM read straight into Answers, accepting exactly
// what the checked path (answers_json.cpp → answers_loader.cpp) accepts unchanged. Any doubt
// returns nothing and the checked path decides; tests/unit/test_answers.cpp holds the two
// paths to the same results.
#include "answers_json_fast.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>

namespace dxassess::engine {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

/// Bails out of the fast path: the checked path will say what is wrong.
struct NotPlain {};

std::string_view string_of(element v) {
    if (v.type() != element_type::STRING) throw NotPlain{};
    return v.get_string().value_unsafe();
}

std::int64_t integer_of(element v) {
    if (v.type() != element_type::INT64) throw NotPlain{};
    return v.get_int64().value_unsafe();
}

object object_of(element v) {
    if (v.type() != element_type::OBJECT) throw NotPlain{};
    return v.get_object().value_unsafe();
}

array array_of(element v) {
    if (v.type() != element_type::ARRAY) throw NotPlain{};
    return v.get_array().value_unsafe();
}

void within(const Question& q, double d) {
    if ((q.min && d < *q.min) || (q.max && d > *q.max)) throw NotPlain{};
}

/// Marks a key as seen; a repeated key is left to the checked path.
template <std::size_t N>
void first_time(std::array<bool, N>& seen, std::size_t i) {
    if (seen[i]) throw NotPlain{};
    seen[i] = true;
}

AnswerNode read_answer(const Question& q, element v);

/// Reads an object's fields as answers to `questions`, into `members` in questionnaire order
/// (whatever the order of the JSON keys). `columns`: they are a table row's, and a required column
/// must be there (a required question may still be unanswered).
void place_in_order(object o, const std::vector<Question>& questions, bool columns,
                    std::vector<std::pair<std::string, AnswerNode>>& members) {
    constexpr std::size_t most = 64;  // more questions than this: the checked path reads them
    if (questions.size() > most) throw NotPlain{};
    std::array<element, most> cells;
    std::uint64_t present = 0;  // bit per question
    for (auto [key, cell] : o) {
        std::size_t index = questions.size();
        for (std::size_t i = 0; i < questions.size(); ++i)
            if (questions[i].id == key) {
                index = i;
                break;
            }
        if (index == questions.size() || (present >> index & 1)) throw NotPlain{};  // unknown or repeated
        present |= std::uint64_t{1} << index;
        cells[index] = cell;
    }
    members.reserve(static_cast<std::size_t>(__builtin_popcountll(present)));
    for (std::size_t i = 0; i < questions.size(); ++i) {
        if (present >> i & 1) members.emplace_back(questions[i].id, read_answer(questions[i], cells[i]));
        else if (columns && questions[i].required) throw NotPlain{};
    }
}

AnswerNode read_table(const Question& q, element v) {
    const array rows = array_of(v);
    const std::size_t count = rows.size();
    if ((q.min_rows && count < static_cast<std::size_t>(*q.min_rows)) || (q.max_rows && count > static_cast<std::size_t>(*q.max_rows)))
        throw NotPlain{};
    AnswerNode node;
    node.is_list = true;
    node.items.reserve(count);
    for (element r : rows) {
        AnswerNode& row = node.items.emplace_back();
        row.is_table = true;
        place_in_order(object_of(r), q.columns, true, row.members);
        // A row naming only its key is a template row not answered yet: the checked path drops it.
        if (std::none_of(row.members.begin(), row.members.end(), [&](const auto& m) { return !q.find_column(m.first)->key; }))
            throw NotPlain{};
    }
    for (const auto& c : q.columns) {  // key columns: values differ between rows
        if (!c.key) continue;
        std::vector<const Value*> seen;
        for (const auto& row : node.items) {
            const AnswerNode* cell = row.member(c.id);
            if (!cell) continue;
            // The checked path compares values as displayed; equal values display alike, and other
            // kinds than text, integers and booleans may display alike while unequal.
            const bool exact = std::holds_alternative<std::string>(cell->value) ||
                               std::holds_alternative<std::int64_t>(cell->value) || std::holds_alternative<bool>(cell->value);
            if (!exact) throw NotPlain{};
            for (const Value* earlier : seen)
                if (*earlier == cell->value) throw NotPlain{};
            seen.push_back(&cell->value);
        }
    }
    return node;
}

AnswerNode read_answer(const Question& q, element v) {
    AnswerNode node;
    switch (q.type) {
        case QuestionType::boolean:
            if (v.type() != element_type::BOOL) throw NotPlain{};
            node.value = v.get_bool().value_unsafe();
            return node;
        case QuestionType::integer: {
            const std::int64_t i = integer_of(v);
            within(q, static_cast<double>(i));
            node.value = i;
            return node;
        }
        case QuestionType::number:
        case QuestionType::ratio: {
            double d = 0;
            if (v.type() == element_type::INT64) d = static_cast<double>(v.get_int64().value_unsafe());
            else if (v.type() == element_type::DOUBLE) d = v.get_double().value_unsafe();
            else throw NotPlain{};
            if (q.type == QuestionType::ratio && (d < 0 || d > 1)) throw NotPlain{};
            within(q, d);
            node.value = d;
            return node;
        }
        case QuestionType::choice: {
            const Choice* c = match_choice(q, string_of(v));
            if (!c) throw NotPlain{};
            node.value = c->id;
            return node;
        }
        case QuestionType::multi_choice: {
            node.is_list = true;
            StringList ids;
            for (element e : array_of(v)) {
                const Choice* c = match_choice(q, string_of(e));
                if (!c || std::find(ids.begin(), ids.end(), c->id) != ids.end()) throw NotPlain{};
                ids.push_back(c->id);
                AnswerNode item;
                item.value = c->id;
                node.items.push_back(std::move(item));
            }
            node.value = std::move(ids);
            return node;
        }
        case QuestionType::date: {
            const Date d = Date::parse(std::string(string_of(v)));
            if (!d.valid()) throw NotPlain{};
            node.value = d;
            return node;
        }
        case QuestionType::table: return read_table(q, v);
    }
    throw NotPlain{};
}

void read_profile(object o, Profile& p) {
    enum { code, name, prefecture, population, fiscal_year, type, as_of, staff, peer_group, count };
    std::array<bool, count> seen{};
    for (auto [key, v] : o) {
        if (key == "code") {
            first_time(seen, code);
            p.code = std::string(string_of(v));
            if (!valid_local_government_code(p.code)) throw NotPlain{};
        } else if (key == "name") {
            first_time(seen, name);
            p.name = std::string(string_of(v));
        } else if (key == "prefecture") {
            first_time(seen, prefecture);
            p.prefecture = std::string(string_of(v));
        } else if (key == "population") {
            first_time(seen, population);
            p.population = integer_of(v);
            if (p.population <= 0 || p.population > 50'000'000) throw NotPlain{};
        } else if (key == "fiscal_year") {
            first_time(seen, fiscal_year);
            const std::int64_t fy = integer_of(v);
            if (fy < 2000 || fy > 2100) throw NotPlain{};
            p.fiscal_year = static_cast<int>(fy);
        } else if (key == "type") {
            first_time(seen, type);
            p.type = std::string(string_of(v));
            const auto& types = government_types();
            if (std::find(types.begin(), types.end(), p.type) == types.end()) throw NotPlain{};
        } else if (key == "staff") {
            first_time(seen, staff);
            p.staff = integer_of(v);
            if (p.staff <= 0 || p.staff > 500'000) throw NotPlain{};
        } else if (key == "peer_group") {
            first_time(seen, peer_group);
            const PeerGroup* g = find_peer_group(std::string(string_of(v)));
            if (!g) throw NotPlain{};
            p.peer_group = g->id;
        } else if (key == "as_of") {
            first_time(seen, as_of);
            p.as_of = Date::parse(std::string(string_of(v)));
            if (!p.as_of.valid()) throw NotPlain{};
        } else {
            throw NotPlain{};
        }
    }
    if (!seen[code] || !seen[name] || !seen[prefecture] || !seen[population] || !seen[fiscal_year]) throw NotPlain{};
    if (!seen[as_of]) p.as_of = default_reference_date(p.fiscal_year);
}

AnswerNode read_area(object o, const RuleSet& rs) {
    AnswerNode area;
    area.is_table = true;
    place_in_order(o, rs.questions, false, area.members);
    return area;
}

Answers read_answers(element root, const std::string& source, const AnswerSchema& schema) {
    Answers a;
    a.path = source;
    bool profile = false, targets = false;
    for (auto [key, v] : object_of(root)) {
        if (key == "profile") {
            if (profile) throw NotPlain{};
            profile = true;
            read_profile(object_of(v), a.profile);
        } else if (key == "targets") {
            if (targets) throw NotPlain{};
            targets = true;
            for (auto [area_field, level] : object_of(v)) {
                const std::string_view area = area_field;  // clang < 16: lambdas cannot capture bindings
                const auto known = std::find_if(schema.rule_sets.begin(), schema.rule_sets.end(),
                                                [&](const RuleSet* rs) { return rs->area == area; });
                const std::int64_t l = integer_of(level);
                if (known == schema.rule_sets.end() || l < 0 || l > 5 || !a.targets.emplace(std::string(area), static_cast<int>(l)).second)
                    throw NotPlain{};
            }
        } else {
            const std::string_view area = key;  // clang < 16: lambdas cannot capture bindings
            const auto rs = std::find_if(schema.rule_sets.begin(), schema.rule_sets.end(),
                                         [&](const RuleSet* r) { return r->area == area; });
            if (rs == schema.rule_sets.end()) throw NotPlain{};  // unknown, or kept unchecked (other_known_areas)
            if (!a.areas.emplace((*rs)->area, read_area(object_of(v), **rs)).second) throw NotPlain{};
        }
    }
    if (!profile) throw NotPlain{};
    return a;
}

}  // namespace

const Choice* match_choice(const Question& q, std::string_view s) {
    for (const auto& c : q.choices)
        if (c.id == s) return &c;
    for (const auto& c : q.choices)
        if (c.label.ja == s || c.label.en == s) return &c;  // a person may type the label
    return nullptr;
}

std::optional<Answers> read_valid_answers_json(std::string_view text, const std::string& source,
                                               const AnswerSchema& schema) {
    thread_local simdjson::dom::parser parser;  // keeps its buffers from line to line
    element root;
    if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
    try {
        return read_answers(root, source, schema);
    } catch (const NotPlain&) {
        return std::nullopt;
    }
}

}  // namespace dxassess::engine
