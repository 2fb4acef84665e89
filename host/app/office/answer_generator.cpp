#include "office/answer_generator.hpp"

#include "dxassess/engine/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dxassess::host {
namespace {

using json = nlohmann::json;
using engine::Question;
using engine::QuestionType;

/// A generated scalar answer as the engine holds it (ask_if reads only non-table questions).
engine::Value value_of(const json& v, const Question& q) {
    switch (q.type) {
        case QuestionType::boolean: return v.get<bool>();
        case QuestionType::integer: return v.get<std::int64_t>();
        case QuestionType::number:
        case QuestionType::ratio: return v.get<double>();
        case QuestionType::choice: return v.get<std::string>();
        case QuestionType::multi_choice: return v.get<engine::StringList>();
        case QuestionType::date: return engine::Date::parse(v.get<std::string>());
        case QuestionType::table: break;
    }
    return {};
}

/// Removes from `area` the answers to questions its rules would not ask, as a person answering
/// top to bottom would never give them.
void drop_unasked(const engine::RuleSet& rules, const engine::Profile& profile, json& area) {
    if (rules.skip_questions.empty()) return;
    engine::AnswerNode node;
    node.is_table = true;
    for (const auto& q : rules.questions)
        if (q.type != QuestionType::table && area.contains(q.id)) node.members.emplace_back(q.id, engine::AnswerNode{value_of(area[q.id], q), {}});
    const std::map<std::string, engine::Value> no_facts;
    const engine::AreaEnvironment env(rules, &node, profile, no_facts, nullptr);
    for (const std::size_t q : env.ignored_answers()) area.erase(rules.questions[q].id);
}

}  // namespace

std::string code_of(int prefecture, int serial) {
    char digits[7];
    std::snprintf(digits, sizeof digits, "%02d%03d", prefecture, serial);
    static constexpr int weights[] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (int k = 0; k < 5; ++k) sum += (digits[k] - '0') * weights[k];
    return std::string(digits, 5) + static_cast<char>('0' + (11 - sum % 11) % 10);
}

json AnswerGenerator::answer_set(const Installation& inst, long long i, int year) {
    const long long population = static_cast<long long>(std::exp(between(std::log(800.0), std::log(3.0e6))));
    const std::string type = population >= 700000 ? "designated_city" : population >= 50000 ? "city" : population >= 10000 ? "town" : "village";
    json j;
    j["profile"] = {{"code", code_of(static_cast<int>(i % 47) + 1, 100 + static_cast<int>((i / 47) % 900))},
                    {"name", "合成団体" + std::to_string(i + 1)}, {"prefecture", "合成県"}, {"population", population},
                    {"fiscal_year", year}, {"type", type}};
    engine::Profile profile;
    profile.population = population;
    profile.type = type;
    profile.fiscal_year = year;
    profile.as_of = engine::Date{year, 10, 1};
    j["profile"]["as_of"] = profile.as_of.str();
    answer_areas(inst, profile, j);
    return j;
}

void AnswerGenerator::answer_areas(const Installation& inst, const engine::Profile& profile, json& j) {
    for (const auto& a : inst.areas()) {
        if (!a.rules) continue;
        j["targets"][a.area()] = between(0, 5);
        json area = json::object();
        for (const auto& q : a.rules->questions)
            if (q.required || coin(0.9)) area[q.id] = answer(q, profile.as_of);
        drop_unasked(*a.rules, profile, area);
        j[a.area()] = std::move(area);
    }
}

json AnswerGenerator::answer(const Question& q, const engine::Date& as_of) {
    switch (q.type) {
        case QuestionType::boolean: return coin(yes_);
        case QuestionType::integer: {
            const long long lo = q.min ? static_cast<long long>(std::ceil(*q.min)) : 0;
            const long long hi = q.max ? static_cast<long long>(std::floor(*q.max)) : lo + 1000;
            return std::uniform_int_distribution<long long>(lo, std::max(lo, std::min(hi, lo + 100000)))(rng_);
        }
        case QuestionType::number: {
            const double lo = q.min.value_or(0), hi = q.max.value_or(lo + 1e6);
            return std::round(std::uniform_real_distribution<double>(lo, hi)(rng_));
        }
        case QuestionType::ratio: return std::round(std::uniform_real_distribution<double>(0, 1)(rng_) * 100) / 100;
        case QuestionType::choice: return pick(q).id;
        case QuestionType::multi_choice: {
            json out = json::array();
            for (const auto& c : q.choices)
                if (coin(0.5)) out.push_back(c.id);
            return out;
        }
        case QuestionType::date: {
            const int back = std::uniform_int_distribution<int>(0, 1500)(rng_);
            return engine::Date::from_serial(as_of.serial() - back).str();
        }
        case QuestionType::table: {
            json rows = json::array();
            const Question* key = nullptr;
            for (const auto& c : q.columns)
                if (c.key && !c.choices.empty()) key = &c;
            const std::size_t max_rows = q.max_rows ? static_cast<std::size_t>(*q.max_rows) : 10;
            std::vector<std::string> keys;
            if (key)
                for (const auto& c : key->choices)
                    if (keys.size() < max_rows && coin(0.8)) keys.push_back(c.id);
            const std::size_t n = key ? keys.size() : std::uniform_int_distribution<std::size_t>(0, max_rows)(rng_);
            for (std::size_t r = 0; r < n; ++r) {
                json row = json::object();
                for (const auto& c : q.columns) {
                    if (&c == key) row[c.id] = keys[r];
                    else if (c.required || coin(0.8)) row[c.id] = answer(c, as_of);
                }
                rows.push_back(std::move(row));
            }
            return rows;
        }
    }
    return nullptr;
}

const engine::Choice& AnswerGenerator::pick(const Question& q) {
    return q.choices[std::uniform_int_distribution<std::size_t>(0, q.choices.size() - 1)(rng_)];
}

}  // namespace dxassess::host
