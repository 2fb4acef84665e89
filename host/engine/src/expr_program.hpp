// Internal: the typed instruction set a checked expression is lowered to, and evaluated from.
//
// Types are known once an expression is checked, so each instruction does one thing to operands of
// known types: `holding_ratio >= 60%` is one instruction that reads a number slot and compares it
// with an immediate. Truths (Kleene logic) live on a stack of their own as 0 false, 1 unknown,
// 2 true, where `and` is min, `or` is max and `not` is 2 - t: no branch decides them. Values that
// are not truths (arithmetic, plugin calls) use a second stack of typed references.
#pragma once

#include "expr_ast.hpp"

#include "dxassess/engine/expr.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dxassess::engine {

// Every instruction, in one list (X-macro) so that the enum and the evaluator's dispatch table
// cannot drift apart. Comparisons come in runs of six in the order lt, le, gt, ge, eq, ne, so that
// the first code of a run plus an offset picks one.
#define DXA_EXPR_CODES(X)                                                                          \
    /* Truth leaves: read slot `arg` (names[n] when it has no slot) and push a truth. */          \
    X(t_const)            /* aux: the truth */                                                    \
    X(t_bool) X(t_not_bool) /* a boolean name, `not name` */                                      \
    X(t_known)            /* known(name) */                                                       \
    X(t_int_lt) X(t_int_le) X(t_int_gt) X(t_int_ge) X(t_int_eq) X(t_int_ne) /* name <op> imm.i */ \
    X(t_num_lt) X(t_num_le) X(t_num_gt) X(t_num_ge) X(t_num_eq) X(t_num_ne) /* name <op> imm.d */ \
    X(t_str_eq) X(t_str_ne)   /* string name ==/!= the string at imm.p */                         \
    X(t_str_in) X(t_str_not_in) /* string name in/not in the list at imm.p */                     \
    X(t_has)              /* the string at imm.p in list name */                                  \
    /* Truth operators. */                                                                        \
    X(t_not) X(t_and) X(t_or)                                                                     \
    X(t_skip)             /* jump to arg when the top truth is aux (0: and, 2: or) */             \
    /* Values. */                                                                                 \
    X(v_const)            /* push constants[k] */                                                 \
    X(v_load)             /* push slot arg (names[n] when it has no slot) */                      \
    X(v_negate)                                                                                   \
    X(v_add_int) X(v_sub_int) X(v_mul_int)             /* overflow: unknown */                    \
    X(v_add_num) X(v_sub_num) X(v_mul_num) X(v_div_num) /* division by zero, non-finite: unknown */ \
    X(v_count) X(v_days_since)                                                                    \
    X(v_days_since_name)  /* days_since(name): reads slot arg */                                  \
    X(v_min) X(v_max)     /* aux: 1 when the result is a number */                                \
    X(v_call)             /* plugin function names[n] with the top arg values; imm.i: widen bits */ \
    X(v_truth)            /* pop a truth, push it as a boolean value */                           \
    /* Values to truths: pop operands, push a truth. */                                           \
    X(c_int_lt) X(c_int_le) X(c_int_gt) X(c_int_ge) X(c_int_eq) X(c_int_ne)                       \
    X(c_num_lt) X(c_num_le) X(c_num_gt) X(c_num_ge) X(c_num_eq) X(c_num_ne)                       \
    X(k_int_lt) X(k_int_le) X(k_int_gt) X(k_int_ge) X(k_int_eq) X(k_int_ne) /* top <op> imm.i */  \
    X(k_num_lt) X(k_num_le) X(k_num_gt) X(k_num_ge) X(k_num_eq) X(k_num_ne) /* top <op> imm.d */  \
    X(c_date_lt) X(c_date_le) X(c_date_gt) X(c_date_ge) X(c_date_eq) X(c_date_ne)                 \
    X(c_str_eq) X(c_str_ne)                                                                       \
    X(k_str_eq) X(k_str_ne) /* top ==/!= the string at imm.p: `f(x) == "under_30"` */             \
    X(c_bool_eq) X(c_bool_ne)                                                                     \
    X(c_in) X(c_not_in)                                                                           \
    X(c_known)                                                                                    \
    X(c_truth)            /* a boolean value (a plugin's result) as a truth */                    \
    /* ConditionSet: write the top truth to out[arg] and empty both stacks. */                   \
    X(result)                                                                                     \
    X(halt)               /* the last instruction of every program: no end test per instruction */

enum class Code : std::uint8_t {
#define DXA_EXPR_CODE_ENUM(name) name,
    DXA_EXPR_CODES(DXA_EXPR_CODE_ENUM)
#undef DXA_EXPR_CODE_ENUM
};

struct Instr {
    Code code;
    std::uint8_t aux = 0;
    std::uint16_t n = 0;          // names[n]
    std::int32_t arg = 0;         // slot, jump target, result index or argument count
    std::int32_t k = -1;          // constants[k]
    // ConditionSet: a truth-producing instruction that ends a condition writes its truth to
    // results[out] instead of pushing it (one dispatch fewer per condition); -1 pushes.
    std::int32_t out = -1;
    union {
        std::int64_t i;
        double d;
        const void* p;            // constants[k], resolved by seal()
    } imm{0};
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
    std::vector<Ref> constant_refs;  // constants as v_const pushes them, pointing into `constants` (seal())
    std::vector<std::string> names;  // plugin functions, and names without a slot
    std::size_t depth = 0;           // value stack entries evaluation needs
    std::size_t truth_depth = 0;     // truth stack entries
    std::unique_ptr<const Node> tree;  // the checked syntax tree it was lowered from (evaluate_tree)
};

/// The program of a compiled expression.
const Program& program_of(const Expression& e);

/// Lowers a checked syntax tree (expr_eval.cpp).
Program lower(const Node& root);

/// Points the instructions' immediates at `constants` again after they changed. A Program is
/// moved, never copied, so the pointers stay valid.
void seal(Program& p);

/// The reference semantics (expr_reference.cpp): the syntax tree walked node by node over Values,
/// plainly and slowly. Tests hold the lowered program to it on generated inputs.
Value evaluate_tree(const Node& root, const Environment& env);


}  // namespace dxassess::engine
