// `dxassess generate`: synthetic but valid answer sets (seeded, with realistic codes) for tests and
// benchmarks — every question answered within its type, bounds and choices, some left unanswered,
// and none answered that its ask_if does not ask.
#include "assessment/installation.hpp"
#include "office/office_commands.hpp"
#include "office/prefectures.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/scoring.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>

namespace dxassess::host {
namespace {

using json = nlohmann::json;
using engine::Question;
using engine::QuestionType;

/// A 6-digit code with a valid check digit: prefecture 01..47, then a serial 000..999.
std::string code_of(int prefecture, int serial) {
    char digits[7];
    std::snprintf(digits, sizeof digits, "%02d%03d", prefecture, serial);
    static constexpr int weights[] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (int k = 0; k < 5; ++k) sum += (digits[k] - '0') * weights[k];
    return std::string(digits, 5) + static_cast<char>('0' + (11 - sum % 11) % 10);
}

std::string code_for(long long i) { return code_of(static_cast<int>(i % 47) + 1, 100 + static_cast<int>((i / 47) % 900)); }

/// Who a synthetic government is: its profile without the fiscal year.
struct Government {
    std::string code, name, prefecture, type, peer_group;
    long long population = 0, staff = 0;
};

/// A synthetic country shaped like Japan's (facts §7): 47 prefectures and 1,741 municipalities — 20
/// designated cities, 62 core cities, 23 former special cities, 687 other cities, 23 special wards
/// (all in Tokyo), 743 towns and 183 villages — with populations and 類似団体区分 to match. Names
/// are synthetic; so are the shares of each industry class.
std::vector<Government> national_set(unsigned seed) {
    std::mt19937_64 rng(seed);
    const auto between = [&](double lo, double hi) { return static_cast<long long>(std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng))); };
    const auto industry = [&](int classes) { return std::uniform_int_distribution<int>(0, classes - 1)(rng); };
    std::vector<Government> out;
    std::vector<int> serial(48, 100);
    const auto add = [&](int pref, const std::string& type, const std::string& kind, long long population, const std::string& peer_group) {
        Government g;
        g.code = code_of(pref, serial[static_cast<std::size_t>(pref)]++);
        g.prefecture = prefectures()[static_cast<std::size_t>(pref - 1)].name;
        g.name = "合成" + kind + std::to_string(out.size() + 1);
        g.type = type;
        g.population = population;
        g.peer_group = peer_group;
        g.staff = std::max(20LL, population / 120);
        out.push_back(std::move(g));
    };
    for (const auto& p : prefectures()) {
        Government g;
        g.code = code_of(p.number, 0);
        g.name = p.name;
        g.prefecture = p.name;
        g.type = "prefecture";
        g.population = between(5.5e5, 1.4e7);
        g.staff = g.population / 250;
        out.push_back(std::move(g));
    }
    int k = 0;
    const auto next_prefecture = [&] { return (k++ % 47) + 1; };
    for (int i = 0; i < 20; ++i) add(next_prefecture(), "designated_city", "市", between(7e5, 3.7e6), "designated_city");
    for (int i = 0; i < 23; ++i) add(13, "special_ward", "区", between(6e4, 9.4e5), "special_ward");
    for (int i = 0; i < 62; ++i) add(next_prefecture(), "city", "市", between(2e5, 6.5e5), "core_city");
    for (int i = 0; i < 23; ++i) add(next_prefecture(), "city", "市", between(1.5e5, 3e5), "special_city");
    for (int i = 0; i < 687; ++i) {
        const long long population = between(3e3, 4.5e5);
        const int band = population < 50'000 ? 1 : population < 100'000 ? 2 : population < 150'000 ? 3 : 4;
        add(next_prefecture(), "city", "市", population, "city_" + std::to_string(band) + "_" + std::to_string(industry(4)));
    }
    for (int i = 0; i < 926; ++i) {
        const long long population = between(150, 5e4);
        const int band = population < 5'000 ? 1 : population < 10'000 ? 2 : population < 15'000 ? 3 : population < 20'000 ? 4 : 5;
        const bool village = i >= 743;
        add(next_prefecture(), village ? "village" : "town", village ? "村" : "町", population,
            "town_" + std::to_string(band) + "_" + std::to_string(industry(3)));
    }
    return out;
}

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

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}

    json answer(const Question& q, const engine::Date& as_of) {
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

    bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }
    /// How likely a yes/no question is answered yes: later years of a national set answer yes more often.
    void set_progress(double yes) { yes_ = yes; }
    template <class T>
    T between(T lo, T hi) {
        if constexpr (std::is_integral_v<T>) return std::uniform_int_distribution<T>(lo, hi)(rng_);
        else return std::uniform_real_distribution<T>(lo, hi)(rng_);
    }

private:
    const engine::Choice& pick(const Question& q) {
        return q.choices[std::uniform_int_distribution<std::size_t>(0, q.choices.size() - 1)(rng_)];
    }
    std::mt19937_64 rng_;
    double yes_ = 0.5;
};

}  // namespace

int run_generate(const GlobalOptions& g, const GenerateOptions& o) {
    try {
        const Installation inst(search_paths(g), g.run);
        Generator gen(o.seed);
        const std::vector<Government> country = o.national ? national_set(o.seed) : std::vector<Government>{};
        const long long count = o.national ? static_cast<long long>(country.size()) * o.years : o.count;
        AtomicBatch batch;
        batch.add_with(o.out, [&](const std::string& temp) {
            std::ofstream f(engine::file_path(temp), std::ios::binary | std::ios::trunc);
            for (long long i = 0; i < count; ++i) {
                json j;
                int year = 0;
                engine::Profile profile;
                if (o.national) {
                    // The same governments every year, oldest year first; each year answers yes a little more often.
                    const long long n = static_cast<long long>(country.size());
                    const int offset = static_cast<int>(i / n);
                    const Government& gov = country[static_cast<std::size_t>(i % n)];
                    year = o.fiscal_year - (o.years - 1) + offset;
                    gen.set_progress(std::min(0.9, 0.4 + 0.1 * offset));
                    j["profile"] = {{"code", gov.code}, {"name", gov.name}, {"prefecture", gov.prefecture}, {"population", gov.population},
                                    {"fiscal_year", year}, {"type", gov.type}, {"staff", gov.staff}};
                    if (!gov.peer_group.empty()) j["profile"]["peer_group"] = gov.peer_group;
                    profile.population = gov.population;
                    profile.staff = gov.staff;
                    profile.peer_group = gov.peer_group;
                    profile.type = gov.type;
                } else {
                    // Codes repeat only across years: 47 prefectures × 900 serials per year.
                    year = o.fiscal_year - static_cast<int>(i / (47 * 900));
                    const long long population = static_cast<long long>(std::exp(gen.between(std::log(800.0), std::log(3.0e6))));
                    const std::string type = population >= 700000 ? "designated_city" : population >= 50000 ? "city" : population >= 10000 ? "town" : "village";
                    j["profile"] = {{"code", code_for(i)}, {"name", "合成団体" + std::to_string(i + 1)}, {"prefecture", "合成県"},
                                    {"population", population}, {"fiscal_year", year}, {"type", type}};
                    profile.population = population;
                    profile.type = type;
                }
                const engine::Date as_of{year, 10, 1};
                j["profile"]["as_of"] = as_of.str();
                profile.fiscal_year = year;
                profile.as_of = as_of;
                for (const auto& a : inst.areas()) {
                    if (!a.rules) continue;
                    j["targets"][a.area()] = gen.between(0, 5);
                    json area = json::object();
                    for (const auto& q : a.rules->questions)
                        if (q.required || gen.coin(0.9)) area[q.id] = gen.answer(q, as_of);
                    drop_unasked(*a.rules, profile, area);
                    j[a.area()] = std::move(area);
                }
                f << j.dump() << "\n";
            }
            if (!f.flush()) throw std::runtime_error(o.out + ": write failed");
        });
        batch.commit();
        std::cout << (g.lang == engine::Lang::en ? "generated " : "生成 ") << count << " → " << o.out << "\n";
        return exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(g.lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
