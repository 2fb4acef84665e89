// Synthetic but valid answer sets for an installation's rule sets (`dxassess generate` and
// `dxassess bench`): seeded, every question answered within its type, bounds and choices (about one
// in ten optional questions left unanswered), and none answered that its ask_if does not ask.
#pragma once

#include "assessment/installation.hpp"

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <type_traits>

namespace dxassess::host {

/// A 6-digit 全国地方公共団体コード with a valid check digit: prefecture 01..47, then a serial 000..999.
std::string code_of(int prefecture, int serial);

class AnswerGenerator {
public:
    explicit AnswerGenerator(unsigned seed) : rng_(seed) {}

    /// The whole answer set of synthetic government number `i` (its code, a population drawn at
    /// random) for fiscal year `year`, shaped as a batch line.
    nlohmann::json answer_set(const Installation& inst, long long i, int year);
    /// Every area's answers for `profile`, and a target level per area, into the answer set `j`.
    void answer_areas(const Installation& inst, const engine::Profile& profile, nlohmann::json& j);
    /// One question's answer (a table's rows included).
    nlohmann::json answer(const engine::Question& q, const engine::Date& as_of);

    bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }
    /// How likely a yes/no question is answered yes: later years of a national set answer yes more often.
    void set_progress(double yes) { yes_ = yes; }
    template <class T>
    T between(T lo, T hi) {
        if constexpr (std::is_integral_v<T>) return std::uniform_int_distribution<T>(lo, hi)(rng_);
        else return std::uniform_real_distribution<T>(lo, hi)(rng_);
    }

private:
    const engine::Choice& pick(const engine::Question& q);
    std::mt19937_64 rng_;
    double yes_ = 0.5;
};

}  // namespace dxassess::host
