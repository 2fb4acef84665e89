// Internal: the syntax tree shared by the expression parser and evaluator.
#pragma once

#include "dxassess/engine/value.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dxassess::engine {

enum class Op {
    literal, name, list,
    negate, logical_not, logical_and, logical_or,
    add, sub, mul, div,
    eq, ne, lt, le, gt, ge, in, not_in,
    builtin, plugin_call
};

enum class Builtin { count, any, all, min, max, days_since, known, date };

struct Node {
    Op op = Op::literal;
    Type type = Type::unknown;
    std::size_t offset = 0;                    // where the node starts in the source text
    Value literal;                             // Op::literal; Op::list: the StringList
    std::string name;                          // Op::name, Op::plugin_call
    int slot = -1;                             // Op::name: the environment slot, -1 = by name
    Builtin builtin = Builtin::count;          // Op::builtin
    std::uint32_t widen = 0;                   // Op::plugin_call: bit k = integer argument k goes to a number parameter
    std::vector<std::unique_ptr<Node>> kids;   // operands / arguments / list elements
};

}  // namespace dxassess::engine
