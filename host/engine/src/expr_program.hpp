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
    result,       // ConditionSet: write the truth of the top to out[arg] and empty the stack
};

struct Instr {
    Code code;
    std::uint8_t aux;
    std::uint16_t n;
    std::int32_t arg;
    std::int32_t k = 0;
};

/// A value seen by reference. Trivial on purpose: the stack is not initialised per evaluation.
struct Ref {
    Type type;
    union {
        bool b;
        std::int64_t i;
        double d;
        const Date* date;
        const std::string* s;
        const StringList* l;
    };
    static Ref none() { Ref r; r.type = Type::unknown; r.i = 0; return r; }
    static Ref boolean(bool v) { Ref r; r.type = Type::boolean; r.b = v; return r; }
    static Ref integer(std::int64_t v) { Ref r; r.type = Type::integer; r.i = v; return r; }
    static Ref number(double v) { Ref r; r.type = Type::number; r.d = v; return r; }
    bool known() const { return type != Type::unknown; }
    double as_double() const { return type == Type::integer ? static_cast<double>(i) : d; }
};

inline Ref ref_of(const Value& v) {
    Ref r = Ref::none();
    switch (v.index()) {
        case 1: return Ref::boolean(*std::get_if<bool>(&v));
        case 2: return Ref::integer(*std::get_if<std::int64_t>(&v));
        case 3: return Ref::number(*std::get_if<double>(&v));
        case 4: r.type = Type::string; r.s = std::get_if<std::string>(&v); return r;
        case 5: r.type = Type::date; r.date = std::get_if<Date>(&v); return r;
        case 6: r.type = Type::list; r.l = std::get_if<StringList>(&v); return r;
        default: return r;
    }
}

struct Program {
    Type type = Type::unknown;
    std::vector<Instr> code;
    std::vector<Value> constants;
    std::vector<Ref> constant_refs;  // constants as evaluation reads them, pointing into `constants` (seal())
    std::vector<std::string> names;  // plugin functions, and names without a slot
    std::size_t depth = 0;           // stack entries evaluation needs
};

/// Lowers a checked syntax tree (expr_eval.cpp).
Program lower(const Node& root);

/// Rebuilds constant_refs after constants changed. A Program is moved, never copied, so the
/// references stay valid.
void seal(Program& p);

}  // namespace dxassess::engine
