// `dxassess generate`: synthetic but valid answer sets (seeded, with realistic codes) for tests and
// benchmarks — every question answered within its type, bounds and choices, some left unanswered,
// and none answered that its ask_if does not ask.
#include "assessment/installation.hpp"
#include "office/answer_generator.hpp"
#include "office/office_commands.hpp"
#include "office/prefectures.hpp"
#include "platform/atomic_file.hpp"
#include "support/exit_codes.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>

namespace dxassess::host {
namespace {

using json = nlohmann::json;

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

}  // namespace

int run_generate(const GlobalOptions& g, const GenerateOptions& o) {
    try {
        const Installation inst(search_paths(g), g.run);
        AnswerGenerator gen(o.seed);
        const std::vector<Government> country = o.national ? national_set(o.seed) : std::vector<Government>{};
        const long long count = o.national ? static_cast<long long>(country.size()) * o.years : o.count;
        AtomicBatch batch;
        batch.add_with(o.out, [&](const std::string& temp) {
            std::ofstream f(engine::file_path(temp), std::ios::binary | std::ios::trunc);
            for (long long i = 0; i < count; ++i) {
                json j;
                if (o.national) {
                    // The same governments every year, oldest year first; each year answers yes a little more often.
                    const long long n = static_cast<long long>(country.size());
                    const int offset = static_cast<int>(i / n);
                    const Government& gov = country[static_cast<std::size_t>(i % n)];
                    const int year = o.fiscal_year - (o.years - 1) + offset;
                    gen.set_progress(std::min(0.9, 0.4 + 0.1 * offset));
                    j["profile"] = {{"code", gov.code}, {"name", gov.name}, {"prefecture", gov.prefecture}, {"population", gov.population},
                                    {"fiscal_year", year}, {"type", gov.type}, {"staff", gov.staff}};
                    if (!gov.peer_group.empty()) j["profile"]["peer_group"] = gov.peer_group;
                    engine::Profile profile;
                    profile.population = gov.population;
                    profile.staff = gov.staff;
                    profile.peer_group = gov.peer_group;
                    profile.type = gov.type;
                    profile.fiscal_year = year;
                    profile.as_of = engine::Date{year, 10, 1};
                    j["profile"]["as_of"] = profile.as_of.str();
                    gen.answer_areas(inst, profile, j);
                } else {
                    // Codes repeat only across years: 47 prefectures × 900 serials per year.
                    j = gen.answer_set(inst, i, o.fiscal_year - static_cast<int>(i / (47 * 900)));
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
