// The fast path for JSON answers: simdjson's DOM read straight into Answers, accepting exactly
// what the checked path (answers_json.cpp → answers_loader.cpp) accepts unchanged. Any doubt
// returns nothing and the checked path decides; tests/unit/test_answers.cpp holds the two
// paths to the same results.
//
// It fills the Answers it is given in place, reusing their nodes, strings and lists: bulk readers
// (batch, rescore) read many answer sets of much the same shape into one Answers, and after the
// first few a line allocates next to nothing.
#include "answers_json_fast.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>

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

void read_answer(const Question& q, element v, AnswerNode& node);

/// What a node read here holds: a scalar value, a list (multi-choice: its value and its items),
/// rows (a table question's items), or members (a table row, an area).
enum class Shape { scalar, list, rows, members };

/// Makes a reused node a fresh one of `shape`: what that shape does not use is emptied, and what it
/// does use keeps its storage (a string's, a list's) for the value read into it next.
void reset(AnswerNode& node, Shape shape) {
    node.where.file.clear();
    node.where.line = node.where.column = 0;
    node.na = nullptr;
    node.notes.reset();
    node.is_list = shape == Shape::list || shape == Shape::rows;
    node.is_table = shape == Shape::members;
    if (shape == Shape::rows || shape == Shape::members) node.value = Value{};
    if (shape != Shape::members) node.members.clear();
    if (shape == Shape::scalar || shape == Shape::members) node.items.clear();
}

/// Reads an object's fields as answers to `questions`, into `members` in questionnaire order
/// (whatever the order of the JSON keys). `columns`: they are a table row's, and a required column
/// must be there (a required question may still be unanswered).
void place_in_order(object o, const std::vector<Question>& questions, bool columns,
                    std::vector<std::pair<std::string, AnswerNode>>& members) {
    constexpr std::size_t most = 64;  // more questions than this: the checked path reads them
    if (questions.size() > most) throw NotPlain{};
    union Cell {
        Cell() {}  // not zeroed (a kilobyte per object read): only the cells of present questions are set and read
        element value;
    };
    std::array<Cell, most> cells;
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
        new (&cells[index].value) element(cell);
    }
    members.reserve(static_cast<std::size_t>(std::popcount(present)));  // a fresh tree grows once, not by doubling
    std::size_t m = 0;  // members already there are overwritten, the rest dropped
    for (std::size_t i = 0; i < questions.size(); ++i) {
        if (present >> i & 1) {
            if (m == members.size()) members.emplace_back();
            auto& [key, node] = members[m++];
            key.assign(questions[i].id);
            read_answer(questions[i], cells[i].value, node);
        } else if (columns && questions[i].required) {
            throw NotPlain{};
        }
    }
    members.erase(members.begin() + static_cast<std::ptrdiff_t>(m), members.end());
}

void read_table(const Question& q, element v, AnswerNode& node) {
    const array rows = array_of(v);
    const std::size_t count = rows.size();
    if ((q.min_rows && count < static_cast<std::size_t>(*q.min_rows)) || (q.max_rows && count > static_cast<std::size_t>(*q.max_rows)))
        throw NotPlain{};
    node.items.resize(count);
    std::size_t r_index = 0;
    for (element r : rows) {
        AnswerNode& row = node.items[r_index++];
        reset(row, Shape::members);
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
}

void read_answer(const Question& q, element v, AnswerNode& node) {
    reset(node, q.type == QuestionType::table ? Shape::rows : q.type == QuestionType::multi_choice ? Shape::list : Shape::scalar);
    switch (q.type) {
        case QuestionType::boolean:
            if (v.type() != element_type::BOOL) throw NotPlain{};
            node.value = v.get_bool().value_unsafe();
            return;
        case QuestionType::integer: {
            const std::int64_t i = integer_of(v);
            within(q, static_cast<double>(i));
            node.value = i;
            return;
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
            return;
        }
        case QuestionType::choice: {
            const Choice* c = match_choice(q, string_of(v));
            if (!c) throw NotPlain{};
            if (auto* s = std::get_if<std::string>(&node.value)) s->assign(c->id);  // keeps its storage
            else node.value = c->id;
            return;
        }
        case QuestionType::multi_choice: {
            if (!std::holds_alternative<StringList>(node.value)) node.value = StringList{};
            StringList& ids = std::get<StringList>(node.value);
            ids.clear();
            std::size_t n = 0;
            for (element e : array_of(v)) {
                const Choice* c = match_choice(q, string_of(e));
                if (!c || std::find(ids.begin(), ids.end(), c->id) != ids.end()) throw NotPlain{};
                ids.push_back(c->id);
                if (n == node.items.size()) node.items.emplace_back();
                AnswerNode& item = node.items[n++];
                reset(item, Shape::scalar);
                if (auto* s = std::get_if<std::string>(&item.value)) s->assign(c->id);
                else item.value = c->id;
            }
            node.items.erase(node.items.begin() + static_cast<std::ptrdiff_t>(n), node.items.end());
            return;
        }
        case QuestionType::date: {
            const Date d = Date::parse(std::string(string_of(v)));
            if (!d.valid()) throw NotPlain{};
            node.value = d;
            return;
        }
        case QuestionType::table: read_table(q, v, node); return;
    }
    throw NotPlain{};
}

void read_profile(object o, Profile& p) {
    // What is optional goes back to "not given"; the rest is always set below.
    p.type.clear();
    p.staff = 0;
    p.peer_group.clear();
    enum { code, name, prefecture, population, fiscal_year, type, as_of, staff, peer_group, count };
    std::array<bool, count> seen{};
    for (auto [key, v] : o) {
        if (key == "code") {
            first_time(seen, code);
            p.code.assign(string_of(v));
            if (!valid_local_government_code(p.code)) throw NotPlain{};
        } else if (key == "name") {
            first_time(seen, name);
            p.name.assign(string_of(v));
        } else if (key == "prefecture") {
            first_time(seen, prefecture);
            p.prefecture.assign(string_of(v));
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
            p.type.assign(string_of(v));
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

void read_area(object o, const RuleSet& rs, AnswerNode& area) {
    reset(area, Shape::members);
    place_in_order(o, rs.questions, false, area.members);
}

void read_answers(element root, const std::string& source, const AnswerSchema& schema, Answers& a) {
    a.path = source;
    a.targets.clear();
    bool profile = false, targets = false;
    std::vector<bool> read(schema.rule_sets.size());  // areas read from this text
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
            const auto index = static_cast<std::size_t>(rs - schema.rule_sets.begin());
            if (read[index]) throw NotPlain{};
            read[index] = true;
            read_area(object_of(v), **rs, a.areas[(*rs)->area]);
        }
    }
    if (!profile) throw NotPlain{};
    std::erase_if(a.areas, [&](const auto& area) {  // what an earlier text had and this one has not
        for (std::size_t k = 0; k < read.size(); ++k)
            if (read[k] && schema.rule_sets[k]->area == area.first) return false;
        return true;
    });
}

}  // namespace

const Choice* match_choice(const Question& q, std::string_view s) {
    for (const auto& c : q.choices)
        if (c.id == s) return &c;
    for (const auto& c : q.choices)
        if (c.label.ja == s || c.label.en == s) return &c;  // a person may type the label
    return nullptr;
}

bool read_valid_answers_json(std::string_view text, const std::string& source, const AnswerSchema& schema, Answers& into) {
    thread_local simdjson::dom::parser parser;  // keeps its buffers from line to line
    element root;
    if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) return false;
    try {
        read_answers(root, source, schema, into);
        return true;
    } catch (const NotPlain&) {
        return false;
    }
}

std::optional<Answers> read_valid_answers_json(std::string_view text, const std::string& source,
                                               const AnswerSchema& schema) {
    Answers a;
    if (!read_valid_answers_json(text, source, schema, a)) return std::nullopt;
    return a;
}

}  // namespace dxassess::engine
