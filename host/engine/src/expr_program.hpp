// Internal: the flat form a checked expression is lowered to, and evaluated from.
#pragma once

#include "expr_ast.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dxassess::engine {

enum class Code : std::uint8_t {
    constant,     // push constants[arg]
    load,         // push the value of slot arg (or of names[n] when unbound)
    negate, logical_not,
    skip,         // aux 1 (and): jump to arg if the top is false; aux 0 (or): if true
    join,         // combine the two top truths (aux as for skip)
    arithmetic,   // aux: Op; n: 1 for integer arithmetic
    compare,      // aux: Op
    member,       // aux: Op::in or Op::not_in
    count, known, days_since,
    pick,         // aux: 1 min, 0 max; n: 1 when the result is a number
    call,         // call plugin function names[n] with the top arg values
    // Fused forms of the commonest patterns, one dispatch instead of three:
    compare_name, // `name <op> constant`: slot arg (names[n] when unbound), constants[k], aux: Op
    member_name,  // `name in constant`: as compare_name, aux: Op::in or Op::not_in
};

struct Instr {
    Code code;
    std::uint8_t aux;
    std::uint16_t n;
    std::int32_t arg;
    std::int32_t k = 0;
};

struct Program {
    Type type = Type::unknown;
    std::vector<Instr> code;
    std::vector<Value> constants;
    std::vector<std::string> names;  // plugin functions, and names without a slot
    std::size_t depth = 0;           // stack entries evaluation needs
};

/// Lowers a checked syntax tree (expr_eval.cpp).
Program lower(const Node& root);

}  // namespace dxassess::engine
