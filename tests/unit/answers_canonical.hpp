// Answers as text, for tests that hold two ways of reading answers to the same result (the JSON
// fast and checked paths): the unit tests and the JSON answers fuzz target.
#pragma once

#include "dxassess/engine/answers.hpp"

#include <string>

namespace dxassess::engine {

/// Everything the checked and fast paths must agree on, as text.
inline std::string canonical(const AnswerNode& n) {
    std::string s = to_display(n.value, true) + (n.is_table ? "{" : "") + (n.is_list ? "[" : "");
    for (const auto& [k, m] : n.members) s += k + "=" + canonical(m) + ",";
    for (const auto& i : n.items) s += canonical(i) + ";";
    return s;
}

inline std::string canonical(const Answers& a) {
    const Profile& p = a.profile;
    std::string s = p.code + "|" + p.name + "|" + p.prefecture + "|" + std::to_string(p.population) + "|" +
                    std::to_string(p.fiscal_year) + "|" + p.type + "|" + p.as_of.str() + "\n";
    for (const auto& [area, node] : a.areas) s += area + ":" + canonical(node) + "\n";
    for (const auto& [area, level] : a.targets) s += area + "->" + std::to_string(level) + "\n";
    return s;
}

}  // namespace dxassess::engine
