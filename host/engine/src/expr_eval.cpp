// Evaluation of a checked expression with three-valued (Kleene) logic: unknown inputs
// propagate, except where the result is decided anyway (false and ?, true or ?).
//
// The syntax tree is lowered to the typed instructions of expr_program.hpp: names are read through
// their slots, literals become immediates, the commonest conditions (`name <op> literal`,
// `name in [...]`, a boolean name, known(name)) are one instruction each, and `and`/`or` jump over
// a right side that is worth skipping. Evaluation works on references — strings and lists are
// pointed to, never copied — so a condition costs no string lookup, no tree walk, no type test on
// an operand whose type the checker already knows, and no allocation. Only plugin function results
// are owned, for the duration of one evaluation. expr_reference.cpp is the plain definition the
// tests hold this to.
#include "expr_program.hpp"

#include "dxassess/engine/expr.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <forward_list>
#include <memory>
#include <stdexcept>

namespace dxassess::engine {
namespace {

// Truths on the truth stack.
constexpr unsigned char t_false = 0, t_unknown = 1, t_true = 2;
/// Instr::aux of a truth-producing instruction (t_const and t_skip aside): combine the truth with
/// the one below it on the stack, as the t_and / t_or that would otherwise follow.
constexpr std::uint8_t join_and = 1, join_or = 2;
/// A truth as ConditionSet::test writes it: 0 false, -1 unknown, 1 true.
constexpr signed char as_result[3] = {0, -1, 1};

Value value_of(const Ref& r) {
    switch (r.type) {
        case Type::boolean: return r.b;
        case Type::integer: return r.i;
        case Type::number: return r.d;
        case Type::string: return *r.s;
        case Type::date: return *r.date;
        case Type::list: return *r.l;
        case Type::unknown: break;
    }
    return {};
}

/// String equality without a library call: answers and literals (choice ids) are short.
bool same(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

bool contains(const StringList& list, const std::string& s) {
    for (const auto& e : list)
        if (same(e, s)) return true;
    return false;
}

/// Offset of a comparison within a run of six typed codes (lt, le, gt, ge, eq, ne).
int comparison_offset(Op op) {
    switch (op) {
        case Op::lt: return 0;
        case Op::le: return 1;
        case Op::gt: return 2;
        case Op::ge: return 3;
        case Op::eq: return 4;
        default: return 5;
    }
}

Code plus(Code base, int offset) { return static_cast<Code>(static_cast<int>(base) + offset); }

/// The comparison with its operands swapped: `60% <= x` is `x >= 60%`.
Op mirrored(Op op) {
    switch (op) {
        case Op::lt: return Op::gt;
        case Op::le: return Op::ge;
        case Op::gt: return Op::lt;
        case Op::ge: return Op::le;
        default: return op;
    }
}

bool is_numeric(Type t) { return t == Type::integer || t == Type::number; }

bool reads_name(Code c) {
    return (c >= Code::t_bool && c <= Code::t_has) || c == Code::v_load || c == Code::v_call || c == Code::v_days_since_name;
}
bool produces_truth(Code c) {
    return (c >= Code::t_const && c <= Code::t_or) || (c >= Code::c_int_lt && c <= Code::c_truth);
}
bool reads_constant(Code c) {
    return c == Code::v_const || (c >= Code::t_str_eq && c <= Code::t_has) || c == Code::k_str_eq || c == Code::k_str_ne;
}

/// Lowers a syntax tree to code, tracking the depth of both stacks.
class Lowering {
public:
    explicit Lowering(Program& p) : p_(p) {}

    /// Code that leaves the truth of boolean node `n` on the truth stack.
    void truth(const Node& n) {
        switch (n.op) {
            case Op::literal: emit({Code::t_const, std::get<bool>(n.literal) ? t_true : t_false}, 0, +1); return;
            case Op::name: emit(leaf(Code::t_bool, n), 0, +1); return;
            case Op::logical_not:
                if (n.kids[0]->op == Op::name) {
                    emit(leaf(Code::t_not_bool, *n.kids[0]), 0, +1);
                    return;
                }
                truth(*n.kids[0]);
                emit({Code::t_not}, 0, 0);
                return;
            case Op::logical_and:
            case Op::logical_or: junction(n.op == Op::logical_and, n.kids); return;
            case Op::eq:
            case Op::ne:
            case Op::lt:
            case Op::le:
            case Op::gt:
            case Op::ge: comparison(n); return;
            case Op::in:
            case Op::not_in: membership(n); return;
            case Op::builtin:
                if (n.builtin == Builtin::any || n.builtin == Builtin::all) return junction(n.builtin == Builtin::all, n.kids);
                if (n.builtin == Builtin::known) {
                    emit(leaf(Code::t_known, *n.kids[0]), 0, +1);
                    return;
                }
                break;
            default: break;
        }
        value(n);  // a plugin function's boolean result
        emit({Code::c_truth}, -1, +1);
    }

    /// Code that leaves the value of node `n` on the value stack.
    void value(const Node& n) {
        if (n.type == Type::boolean && n.op != Op::literal && n.op != Op::name && n.op != Op::plugin_call) {
            truth(n);
            emit({Code::v_truth}, +1, -1);
            return;
        }
        switch (n.op) {
            case Op::literal:
            case Op::list: {
                Instr in{Code::v_const};
                in.k = constant(n.literal);
                emit(in, +1, 0);
                return;
            }
            case Op::name: emit(leaf(Code::v_load, n), +1, 0); return;
            case Op::negate:
                value(*n.kids[0]);
                emit({Code::v_negate}, 0, 0);
                return;
            case Op::add:
            case Op::sub:
            case Op::mul:
            case Op::div: {
                value(*n.kids[0]);
                value(*n.kids[1]);
                const int op = n.op == Op::add ? 0 : n.op == Op::sub ? 1 : n.op == Op::mul ? 2 : 3;
                emit({n.type == Type::integer ? plus(Code::v_add_int, op) : plus(Code::v_add_num, op)}, -1, 0);
                return;
            }
            case Op::builtin: builtin(n); return;
            case Op::plugin_call: {
                for (const auto& k : n.kids) value(*k);
                const int argc = static_cast<int>(n.kids.size());
                Instr in{Code::v_call};
                in.n = name_index(n.name);
                in.arg = argc;
                in.imm.i = n.widen;
                emit(in, 1 - argc, 0);
                return;
            }
            default: throw std::logic_error("lowering: a boolean node reached value()");
        }
    }

private:
    void builtin(const Node& n) {
        switch (n.builtin) {
            case Builtin::count:
            case Builtin::days_since:
                if (n.builtin == Builtin::days_since && n.kids[0]->op == Op::name) {
                    emit(leaf(Code::v_days_since_name, *n.kids[0]), +1, 0);
                    return;
                }
                value(*n.kids[0]);
                emit({n.builtin == Builtin::count ? Code::v_count : Code::v_days_since}, 0, 0);
                return;
            case Builtin::min:
            case Builtin::max:
                value(*n.kids[0]);
                for (std::size_t k = 1; k < n.kids.size(); ++k) {
                    value(*n.kids[k]);
                    emit({n.builtin == Builtin::min ? Code::v_min : Code::v_max, static_cast<std::uint8_t>(n.type == Type::number)}, -1, 0);
                }
                return;
            default: throw std::logic_error("lowering: a boolean builtin reached value()");
        }
    }

    /// a and b and ...: Kleene `and` is the minimum of the truths, `or` the maximum. A right side
    /// of more than six instructions (or with a plugin call) is jumped over once the result is
    /// decided; a short one is cheaper to evaluate than to branch around.
    void junction(bool is_and, const std::vector<std::unique_ptr<Node>>& kids) {
        if (kids.empty()) {
            emit({Code::t_const, is_and ? t_true : t_false}, 0, +1);
            return;
        }
        truth(*kids[0]);
        std::vector<std::size_t> skips;
        for (std::size_t k = 1; k < kids.size(); ++k) {
            const std::size_t skip = p_.code.size();
            Instr in{Code::t_skip, is_and ? t_false : t_true};
            emit(in, 0, 0);
            truth(*kids[k]);
            const std::size_t right = p_.code.size() - skip - 1;
            const bool calls = std::any_of(p_.code.begin() + static_cast<std::ptrdiff_t>(skip), p_.code.end(),
                                           [](const Instr& i) { return i.code == Code::v_call; });
            if (right > 6 || calls) {
                skips.push_back(skip);
            } else {
                // Too short to hold a jump of its own, so its last instruction produces its truth.
                p_.code.erase(p_.code.begin() + static_cast<std::ptrdiff_t>(skip));
                Instr& last = p_.code.back();
                if (produces_truth(last.code) && last.code != Code::t_const && last.aux == 0) {
                    last.aux = is_and ? join_and : join_or;  // the right side joins as it is produced
                    truth_depth_ -= 1;
                    continue;
                }
            }
            emit({is_and ? Code::t_and : Code::t_or}, 0, -1);
        }
        for (const std::size_t s : skips) p_.code[s].arg = static_cast<std::int32_t>(p_.code.size());
    }

    void comparison(const Node& n) {
        const Node* l = n.kids[0].get();
        const Node* r = n.kids[1].get();
        Op op = n.op;
        if (l->op == Op::literal && r->op == Op::name) {
            std::swap(l, r);
            op = mirrored(op);
        }
        if (l->op == Op::name && r->op == Op::literal) {
            if (is_numeric(l->type)) {  // one instruction with the literal as an immediate
                Instr in;
                if (l->type == Type::integer && r->type == Type::integer) {
                    in = leaf(plus(Code::t_int_lt, comparison_offset(op)), *l);
                    in.imm.i = std::get<std::int64_t>(r->literal);
                } else {
                    in = leaf(plus(Code::t_num_lt, comparison_offset(op)), *l);
                    in.imm.d = r->type == Type::integer ? static_cast<double>(std::get<std::int64_t>(r->literal)) : std::get<double>(r->literal);
                }
                emit(in, 0, +1);
                return;
            }
            if (l->type == Type::string) {
                Instr in = leaf(op == Op::eq ? Code::t_str_eq : Code::t_str_ne, *l);
                in.k = constant(r->literal);
                emit(in, 0, +1);
                return;
            }
        }
        if (r->op == Op::literal && l->type == Type::string) {  // a computed string ==/!= a literal
            value(*l);
            Instr in{op == Op::eq ? Code::k_str_eq : Code::k_str_ne};
            in.k = constant(r->literal);
            emit(in, -1, +1);
            return;
        }
        if (r->op == Op::literal && is_numeric(l->type) && is_numeric(r->type)) {  // a computed value <op> a literal
            value(*l);
            Instr in;
            if (l->type == Type::integer && r->type == Type::integer) {
                in = Instr{plus(Code::k_int_lt, comparison_offset(op))};
                in.imm.i = std::get<std::int64_t>(r->literal);
            } else {
                in = Instr{plus(Code::k_num_lt, comparison_offset(op))};
                in.imm.d = r->type == Type::integer ? static_cast<double>(std::get<std::int64_t>(r->literal)) : std::get<double>(r->literal);
            }
            emit(in, -1, +1);
            return;
        }
        value(*n.kids[0]);
        value(*n.kids[1]);
        const Type lt = n.kids[0]->type, rt = n.kids[1]->type;
        const int offset = comparison_offset(n.op);
        Code code;
        if (lt == Type::integer && rt == Type::integer) code = plus(Code::c_int_lt, offset);
        else if (is_numeric(lt)) code = plus(Code::c_num_lt, offset);
        else if (lt == Type::date) code = plus(Code::c_date_lt, offset);
        else if (lt == Type::string) code = n.op == Op::eq ? Code::c_str_eq : Code::c_str_ne;
        else code = n.op == Op::eq ? Code::c_bool_eq : Code::c_bool_ne;
        emit({code}, -2, +1);
    }

    void membership(const Node& n) {
        const Node& l = *n.kids[0];
        const Node& r = *n.kids[1];
        if (l.op == Op::name && r.op == Op::list) {
            Instr in = leaf(n.op == Op::in ? Code::t_str_in : Code::t_str_not_in, l);
            in.k = constant(r.literal);
            emit(in, 0, +1);
            return;
        }
        if (l.op == Op::literal && r.op == Op::name && n.op == Op::in) {  // "home" in forms
            Instr in = leaf(Code::t_has, r);
            in.k = constant(l.literal);
            emit(in, 0, +1);
            return;
        }
        value(l);
        value(r);
        emit({n.op == Op::in ? Code::c_in : Code::c_not_in}, -2, +1);
    }

    /// An instruction that reads name `n` through its slot.
    Instr leaf(Code code, const Node& n) {
        Instr in{code};
        in.n = name_index(n.name);
        in.arg = n.slot;
        return in;
    }

    std::int32_t constant(const Value& v) {
        p_.constants.push_back(v);
        return static_cast<std::int32_t>(p_.constants.size() - 1);
    }

    std::uint16_t name_index(const std::string& name) {
        const auto it = std::find(p_.names.begin(), p_.names.end(), name);
        if (it != p_.names.end()) return static_cast<std::uint16_t>(it - p_.names.begin());
        if (p_.names.size() >= 65535) throw std::length_error("too many names in one expression");
        p_.names.push_back(name);
        return static_cast<std::uint16_t>(p_.names.size() - 1);
    }

    void emit(Instr in, int values, int truths) {
        p_.code.push_back(in);
        depth_ += values;
        truth_depth_ += truths;
        p_.depth = std::max(p_.depth, static_cast<std::size_t>(std::max(depth_, 0)));
        p_.truth_depth = std::max(p_.truth_depth, static_cast<std::size_t>(std::max(truth_depth_, 0)));
    }

    Program& p_;
    int depth_ = 0, truth_depth_ = 0;
};

Ref arithmetic_int(Code code, const Ref& l, const Ref& r) {
    if (l.type != Type::integer || r.type != Type::integer) return Ref::none();
    std::int64_t out = 0;
    bool overflow = false;
    if (code == Code::v_add_int) overflow = __builtin_add_overflow(l.i, r.i, &out);
    else if (code == Code::v_sub_int) overflow = __builtin_sub_overflow(l.i, r.i, &out);
    else overflow = __builtin_mul_overflow(l.i, r.i, &out);
    return overflow ? Ref::none() : Ref::integer(out);
}

Ref arithmetic_num(Code code, const Ref& l, const Ref& r) {
    if (!is_numeric(l.type) || !is_numeric(r.type)) return Ref::none();
    const double a = l.as_double(), b = r.as_double();
    double out = 0;
    switch (code) {
        case Code::v_add_num: out = a + b; break;
        case Code::v_sub_num: out = a - b; break;
        case Code::v_mul_num: out = a * b; break;
        default:
            if (b == 0) return Ref::none();  // undefined, not infinity: never a silent score
            out = a / b;
    }
    return std::isfinite(out) ? Ref::number(out) : Ref::none();
}

/// min/max of two operands; the first wins ties. `number`: the result type is number.
Ref pick(bool min, bool number, Ref l, Ref r) {
    if (!is_numeric(l.type) || !is_numeric(r.type)) return Ref::none();
    if (number) {
        l = Ref::number(l.as_double());
        r = Ref::number(r.as_double());
        return (min ? r.d < l.d : r.d > l.d) ? r : l;
    }
    return (min ? r.i < l.i : r.i > l.i) ? r : l;
}

constexpr std::size_t local_stack = 32;

/// Values computed during one evaluation (plugin results, names read by lookup), kept at stable
/// addresses until it ends.
class Owned {
public:
    const Value& keep(Value v) {
        if (used_ < inline_.size()) return inline_[used_++] = std::move(v);
        return overflow_.emplace_front(std::move(v));
    }

private:
    std::array<Value, 2> inline_;       // the usual condition set calls a plugin function once or twice
    std::size_t used_ = 0;
    std::forward_list<Value> overflow_; // allocates only past those
};

/// The argument list of plugin calls: one per thread, reused, so a warm call allocates nothing
/// for it. An evaluation started inside a call (an Environment may do anything) gets its own.
class CallArguments {
public:
    CallArguments() = default;
    CallArguments(const CallArguments&) = delete;
    CallArguments& operator=(const CallArguments&) = delete;
    ~CallArguments() {
        if (args_ && args_ != &own_) busy() = false;
    }
    std::vector<Value>& get() {
        if (!args_) {
            args_ = busy() ? &own_ : &shared();
            busy() = true;
        }
        args_->clear();
        return *args_;
    }

private:
    static std::vector<Value>& shared() {
        thread_local std::vector<Value> v;
        return v;
    }
    static bool& busy() {
        thread_local bool b = false;
        return b;
    }
    std::vector<Value>* args_ = nullptr;
    std::vector<Value> own_;
};

/// A value of the type `T` the checker gave a name, or nullptr when unknown (also when a value of
/// another type is bound to it, which the loaders never do).
template <class T>
const T* typed(const Value& v) { return std::get_if<T>(&v); }

/// A numeric slot's value as a double: false when unknown.
bool numeric(const Value& v, double& out) {
    if (const double* d = std::get_if<double>(&v)) {
        out = *d;
        return true;
    }
    if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) {
        out = static_cast<double>(*i);
        return true;
    }
    return false;
}

/// A name without a slot in this environment: looked up, and kept for the evaluation.
[[gnu::noinline]] const Value& by_name(const Environment& env, const std::string& name, Owned& owned) {
    return owned.keep(env.lookup(name));
}

/// v_call, out of the interpreter loop (it is rare, and its locals would crowd the loop's
/// registers): pops the arguments, pushes the plugin function's result. Returns the new sp.
[[gnu::noinline]] std::size_t call(const Instr& in, const Program& p, const Environment& env, Ref* stack, std::size_t sp, Owned& owned,
                                   CallArguments& call_arguments) {
    const auto argc = static_cast<std::size_t>(in.arg);
    sp -= argc;
    bool known = true;
    std::vector<Value>& args = call_arguments.get();
    const auto widen = static_cast<std::uint64_t>(in.imm.i);
    for (std::size_t k = 0; k < argc && known; ++k) {
        known = stack[sp + k].known();
        args.push_back(value_of(stack[sp + k]));
        if (widen & (std::uint64_t{1} << k) && std::holds_alternative<std::int64_t>(args.back()))
            args.back() = static_cast<double>(std::get<std::int64_t>(args.back()));
    }
    stack[sp++] = known ? ref_of(owned.keep(env.call(p.names[in.n], args))) : Ref::none();
    return sp;
}

/// Runs a program. The result may point into `owned`, which must outlive its use. `results`
/// receives the truths of a ConditionSet's conditions.
Ref run(const Program& p, const Environment& env, Owned& owned, signed char* results = nullptr) {
    Ref local[local_stack];
    unsigned char local_truths[local_stack * 2];
    std::unique_ptr<Ref[]> heap;  // only for unusually deep expressions
    std::unique_ptr<unsigned char[]> heap_truths;
    if (p.depth > local_stack) heap = std::make_unique<Ref[]>(p.depth);
    if (p.truth_depth > sizeof local_truths) heap_truths = std::make_unique<unsigned char[]>(p.truth_depth);
    Ref* const stack = heap ? heap.get() : local;
    unsigned char* const truths = heap_truths ? heap_truths.get() : local_truths;
    CallArguments call_arguments;
    const Value* const* const slots = env.slot_table();
    const auto slot_count = static_cast<std::uint32_t>(env.slot_count());
    // Locals, not members: writes through `results` (char) could alias anything reached through `p`.
    const Instr* const code = p.code.data();
    const Ref* const constants = p.constant_refs.data();
    std::int64_t today = INT64_MIN;  // days since 1970 of env.today(), read once when needed
    std::size_t sp = 0, tp = 0;      // next free entry of the value and truth stacks

    // The handlers' shared steps are macros, not lambdas: lambdas capturing the machine state by
    // reference made GCC keep ip, sp and tp in memory instead of registers (about 1 ns per instruction).
    // AT: the current instruction's name, through its slot or (kept in `owned`) looked up by name.
#define AT() (static_cast<std::uint32_t>(ip->arg) < slot_count ? *slots[ip->arg] : by_name(env, p.names[ip->n], owned))
    // PUT: a truth the instruction produced — joined with the one below when aux says so
    // (`x and <this>`), then pushed, or written out when it ends a condition.
#define PUT(truth)                                                     \
    do {                                                               \
        unsigned char t_ = (truth);                                    \
        if (ip->aux == join_and) t_ = std::min(truths[--tp], t_);      \
        else if (ip->aux == join_or) t_ = std::max(truths[--tp], t_);  \
        if (ip->out < 0) truths[tp++] = t_;                            \
        else results[ip->out] = as_result[t_];                         \
    } while (false)
#define PUSH(decided, holds) PUT((decided) ? ((holds) ? t_true : t_false) : t_unknown)

    // Threaded dispatch (GCC and Clang's labels as values): every instruction ends with its own
    // indirect jump to the next, which the CPU predicts far better than one shared switch.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"  // labels as values: a GNU extension, on purpose
    static const void* const labels[] = {
#define DXA_EXPR_LABEL(name) &&op_##name,
        DXA_EXPR_CODES(DXA_EXPR_LABEL)
#undef DXA_EXPR_LABEL
    };
    const Instr* ip = code;
#define OP(name) op_##name:
#define NEXT goto* labels[static_cast<std::size_t>((++ip)->code)]
    goto* labels[static_cast<std::size_t>(ip->code)];

    OP(t_const) {  // aux is the truth here, never a join
        if (ip->out < 0) truths[tp++] = ip->aux;
        else results[ip->out] = as_result[ip->aux];
        NEXT;
    }
    OP(t_bool) {
        const bool* b = typed<bool>(AT());
        PUSH(b, b && *b);
        NEXT;
    }
    OP(t_not_bool) {
        const bool* b = typed<bool>(AT());
        PUSH(b, b && !*b);
        NEXT;
    }
    OP(t_known) {
        PUT(AT().index() != 0 ? t_true : t_false);
        NEXT;
    }
#define DXA_INT_LEAF(name, op)                                   \
    OP(name) {                                                   \
        const std::int64_t* x = typed<std::int64_t>(AT());    \
        PUSH(x, x && *x op ip->imm.i);                      \
        NEXT;                                                    \
    }
#define DXA_NUM_LEAF(name, op)                                   \
    OP(name) {                                                   \
        double x = 0;                                            \
        const bool known = numeric(AT(), x);                  \
        PUSH(known, known && x op ip->imm.d);               \
        NEXT;                                                    \
    }
    DXA_INT_LEAF(t_int_lt, <) DXA_INT_LEAF(t_int_le, <=) DXA_INT_LEAF(t_int_gt, >)
    DXA_INT_LEAF(t_int_ge, >=) DXA_INT_LEAF(t_int_eq, ==) DXA_INT_LEAF(t_int_ne, !=)
    DXA_NUM_LEAF(t_num_lt, <) DXA_NUM_LEAF(t_num_le, <=) DXA_NUM_LEAF(t_num_gt, >)
    DXA_NUM_LEAF(t_num_ge, >=) DXA_NUM_LEAF(t_num_eq, ==) DXA_NUM_LEAF(t_num_ne, !=)
#undef DXA_INT_LEAF
#undef DXA_NUM_LEAF
    OP(t_str_eq) {
        const std::string* s = typed<std::string>(AT());
        PUSH(s, s && same(*s, *static_cast<const std::string*>(ip->imm.p)));
        NEXT;
    }
    OP(t_str_ne) {
        const std::string* s = typed<std::string>(AT());
        PUSH(s, s && !same(*s, *static_cast<const std::string*>(ip->imm.p)));
        NEXT;
    }
    OP(t_str_in) {
        const std::string* s = typed<std::string>(AT());
        PUSH(s, s && contains(*static_cast<const StringList*>(ip->imm.p), *s));
        NEXT;
    }
    OP(t_str_not_in) {
        const std::string* s = typed<std::string>(AT());
        PUSH(s, s && !contains(*static_cast<const StringList*>(ip->imm.p), *s));
        NEXT;
    }
    OP(t_has) {
        const StringList* l = typed<StringList>(AT());
        PUSH(l, l && contains(*l, *static_cast<const std::string*>(ip->imm.p)));
        NEXT;
    }
    OP(t_not) {
        --tp;
        PUT(static_cast<unsigned char>(t_true - truths[tp]));
        NEXT;
    }
    OP(t_and) {
        tp -= 2;
        PUT(std::min(truths[tp], truths[tp + 1]));
        NEXT;
    }
    OP(t_or) {
        tp -= 2;
        PUT(std::max(truths[tp], truths[tp + 1]));
        NEXT;
    }
    OP(t_skip) {
        if (truths[tp - 1] == ip->aux) {
            ip = code + ip->arg;
            goto* labels[static_cast<std::size_t>(ip->code)];
        }
        NEXT;
    }

    OP(v_const) {
        stack[sp++] = constants[ip->k];
        NEXT;
    }
    OP(v_load) {
        stack[sp++] = ref_of(AT());
        NEXT;
    }
    OP(v_negate) {
        Ref& v = stack[sp - 1];
        if (v.type == Type::integer) v = v.i == INT64_MIN ? Ref::none() : Ref::integer(-v.i);
        else if (v.type == Type::number) v = Ref::number(-v.d);
        else v = Ref::none();
        NEXT;
    }
#define DXA_ARITHMETIC(name, kind)                                           \
    OP(name) {                                                               \
        --sp;                                                                \
        stack[sp - 1] = arithmetic_##kind(Code::name, stack[sp - 1], stack[sp]); \
        NEXT;                                                                \
    }
    DXA_ARITHMETIC(v_add_int, int) DXA_ARITHMETIC(v_sub_int, int) DXA_ARITHMETIC(v_mul_int, int)
    DXA_ARITHMETIC(v_add_num, num) DXA_ARITHMETIC(v_sub_num, num) DXA_ARITHMETIC(v_mul_num, num) DXA_ARITHMETIC(v_div_num, num)
#undef DXA_ARITHMETIC
    OP(v_count) {
        Ref& v = stack[sp - 1];
        v = v.type == Type::list ? Ref::integer(static_cast<std::int64_t>(v.l->size())) : Ref::none();
        NEXT;
    }
    OP(v_days_since) {
        Ref& v = stack[sp - 1];
        if (v.type == Type::date) {
            if (today == INT64_MIN) today = env.today().serial();
            v = Ref::integer(today - v.date->serial());
        } else {
            v = Ref::none();
        }
        NEXT;
    }
    OP(v_days_since_name) {
        const Date* d = typed<Date>(AT());
        if (d && today == INT64_MIN) today = env.today().serial();
        stack[sp++] = d ? Ref::integer(today - d->serial()) : Ref::none();
        NEXT;
    }
    OP(v_min) {
        --sp;
        stack[sp - 1] = pick(true, ip->aux != 0, stack[sp - 1], stack[sp]);
        NEXT;
    }
    OP(v_max) {
        --sp;
        stack[sp - 1] = pick(false, ip->aux != 0, stack[sp - 1], stack[sp]);
        NEXT;
    }
    OP(v_call) {
        sp = call(*ip, p, env, stack, sp, owned, call_arguments);
        NEXT;
    }
    OP(v_truth) {
        const unsigned char t = truths[--tp];
        stack[sp++] = t == t_unknown ? Ref::none() : Ref::boolean(t == t_true);
        NEXT;
    }

    // Two values compared; `test`: both have the types compared (else unknown).
#define DXA_COMPARE(name, test, a, op, b) \
    OP(name) {                            \
        sp -= 2;                          \
        const Ref& l = stack[sp];         \
        const Ref& r = stack[sp + 1];     \
        const bool known = (test);        \
        PUSH(known, known && (a op b)); \
        NEXT;                             \
    }
#define DXA_COMPARE_SIX(prefix, test, a, b)                                                             \
    DXA_COMPARE(prefix##_lt, test, a, <, b) DXA_COMPARE(prefix##_le, test, a, <=, b)                    \
    DXA_COMPARE(prefix##_gt, test, a, >, b) DXA_COMPARE(prefix##_ge, test, a, >=, b)                    \
    DXA_COMPARE(prefix##_eq, test, a, ==, b) DXA_COMPARE(prefix##_ne, test, a, !=, b)
    DXA_COMPARE_SIX(c_int, l.type == Type::integer && r.type == Type::integer, l.i, r.i)
    DXA_COMPARE_SIX(c_num, is_numeric(l.type) && is_numeric(r.type), l.as_double(), r.as_double())
    DXA_COMPARE_SIX(c_date, l.type == Type::date && r.type == Type::date, l.date->serial(), r.date->serial())
#undef DXA_COMPARE_SIX
#undef DXA_COMPARE
    // The top value compared with an immediate: `days_since(d) <= 365`, `a + b >= 3`.
#define DXA_COMPARE_K(name, test, a, op, b) \
    OP(name) {                              \
        const Ref& l = stack[--sp];         \
        const bool known = (test);          \
        PUSH(known, known && (a op b)); \
        NEXT;                               \
    }
#define DXA_COMPARE_K_SIX(prefix, test, a, b)                                                               \
    DXA_COMPARE_K(prefix##_lt, test, a, <, b) DXA_COMPARE_K(prefix##_le, test, a, <=, b)                    \
    DXA_COMPARE_K(prefix##_gt, test, a, >, b) DXA_COMPARE_K(prefix##_ge, test, a, >=, b)                    \
    DXA_COMPARE_K(prefix##_eq, test, a, ==, b) DXA_COMPARE_K(prefix##_ne, test, a, !=, b)
    DXA_COMPARE_K_SIX(k_int, l.type == Type::integer, l.i, ip->imm.i)
    DXA_COMPARE_K_SIX(k_num, is_numeric(l.type), l.as_double(), ip->imm.d)
#undef DXA_COMPARE_K_SIX
#undef DXA_COMPARE_K
    OP(c_str_eq) {
        sp -= 2;
        const bool known = stack[sp].type == Type::string && stack[sp + 1].type == Type::string;
        PUSH(known, known && same(*stack[sp].s, *stack[sp + 1].s));
        NEXT;
    }
    OP(c_str_ne) {
        sp -= 2;
        const bool known = stack[sp].type == Type::string && stack[sp + 1].type == Type::string;
        PUSH(known, known && !same(*stack[sp].s, *stack[sp + 1].s));
        NEXT;
    }
    OP(k_str_eq) {
        const Ref& v = stack[--sp];
        PUSH(v.type == Type::string, v.type == Type::string && same(*v.s, *static_cast<const std::string*>(ip->imm.p)));
        NEXT;
    }
    OP(k_str_ne) {
        const Ref& v = stack[--sp];
        PUSH(v.type == Type::string, v.type == Type::string && !same(*v.s, *static_cast<const std::string*>(ip->imm.p)));
        NEXT;
    }
    OP(c_bool_eq) {
        sp -= 2;
        const bool known = stack[sp].type == Type::boolean && stack[sp + 1].type == Type::boolean;
        PUSH(known, known && stack[sp].b == stack[sp + 1].b);
        NEXT;
    }
    OP(c_bool_ne) {
        sp -= 2;
        const bool known = stack[sp].type == Type::boolean && stack[sp + 1].type == Type::boolean;
        PUSH(known, known && stack[sp].b != stack[sp + 1].b);
        NEXT;
    }
    OP(c_in) {
        sp -= 2;
        const bool known = stack[sp].type == Type::string && stack[sp + 1].type == Type::list;
        PUSH(known, known && contains(*stack[sp + 1].l, *stack[sp].s));
        NEXT;
    }
    OP(c_not_in) {
        sp -= 2;
        const bool known = stack[sp].type == Type::string && stack[sp + 1].type == Type::list;
        PUSH(known, known && !contains(*stack[sp + 1].l, *stack[sp].s));
        NEXT;
    }
    OP(c_known) {
        PUT(stack[--sp].known() ? t_true : t_false);
        NEXT;
    }
    OP(c_truth) {
        const Ref& v = stack[--sp];
        PUSH(v.type == Type::boolean, v.type == Type::boolean && v.b);
        NEXT;
    }
    OP(result) {
        results[ip->arg] = as_result[truths[tp - 1]];
        sp = tp = 0;
        NEXT;
    }
    OP(halt) goto done;
#undef OP
#undef NEXT
#undef AT
#undef PUT
#undef PUSH

done:
#pragma GCC diagnostic pop
    if (p.type == Type::boolean) {
        const unsigned char t = tp > 0 ? truths[0] : t_unknown;
        return t == t_unknown ? Ref::none() : Ref::boolean(t == t_true);
    }
    return sp > 0 ? stack[0] : Ref::none();
}

/// Copies `from`'s code but its halt to the end of `to` (which has none while it grows),
/// renumbering its constants, names and jumps.
void append(Program& to, const Program& from) {
    const auto code_base = static_cast<std::int32_t>(to.code.size());
    const auto const_base = static_cast<std::int32_t>(to.constants.size());
    if (to.names.size() + from.names.size() > 65535) throw std::length_error("too many names in one condition set");
    const auto name_base = static_cast<std::uint16_t>(to.names.size());
    for (Instr in : from.code) {
        if (in.code == Code::halt) break;
        if (reads_name(in.code)) in.n = static_cast<std::uint16_t>(in.n + name_base);
        if (reads_constant(in.code)) in.k += const_base;
        if (in.code == Code::t_skip) in.arg += code_base;
        to.code.push_back(in);
    }
    to.constants.insert(to.constants.end(), from.constants.begin(), from.constants.end());
    to.names.insert(to.names.end(), from.names.begin(), from.names.end());
    to.depth = std::max(to.depth, from.depth);
    to.truth_depth = std::max(to.truth_depth, from.truth_depth);
}

}  // namespace

Program lower(const Node& root) {
    Program p;
    p.type = root.type;
    Lowering lowering{p};
    if (root.type == Type::boolean) lowering.truth(root);
    else lowering.value(root);
    p.code.push_back(Instr{Code::halt});
    seal(p);
    return p;
}

void seal(Program& p) {
    p.constant_refs.clear();
    for (const Value& v : p.constants) p.constant_refs.push_back(ref_of(v));
    for (Instr& in : p.code) {
        if (in.code == Code::t_str_eq || in.code == Code::t_str_ne || in.code == Code::t_has || in.code == Code::k_str_eq ||
            in.code == Code::k_str_ne)
            in.imm.p = std::get_if<std::string>(&p.constants[static_cast<std::size_t>(in.k)]);
        else if (in.code == Code::t_str_in || in.code == Code::t_str_not_in) in.imm.p = std::get_if<StringList>(&p.constants[static_cast<std::size_t>(in.k)]);
    }
}

Value Expression::evaluate(const Environment& env) const {
    Owned owned;
    return value_of(run(*program_, env, owned));
}

int Expression::test(const Environment& env) const {
    Owned owned;
    const Ref r = run(*program_, env, owned);
    return r.type == Type::boolean ? (r.b ? 1 : 0) : -1;
}

ConditionSet::ConditionSet() : program_(std::make_unique<Program>()) {
    program_->type = Type::boolean;
    program_->code.push_back(Instr{Code::halt});
}
ConditionSet::ConditionSet(ConditionSet&&) noexcept = default;
ConditionSet& ConditionSet::operator=(ConditionSet&&) noexcept = default;
ConditionSet::~ConditionSet() = default;

void ConditionSet::add(const Expression& condition) {
    if (condition.type() != Type::boolean) throw std::invalid_argument("a condition must be boolean: " + condition.source());
    auto& code = program_->code;
    code.pop_back();  // the halt, put back at the end
    const std::size_t start = code.size();
    append(*program_, *condition.program_);
    const auto index = static_cast<std::int32_t>(count_++);
    // The last instruction writes the condition's truth itself, unless a jump lands after it.
    const bool jumped_past = std::any_of(code.begin() + static_cast<std::ptrdiff_t>(start), code.end(), [&](const Instr& in) {
        return in.code == Code::t_skip && static_cast<std::size_t>(in.arg) == code.size();
    });
    if (!jumped_past && produces_truth(code.back().code)) {
        code.back().out = index;
    } else {
        Instr result{Code::result};
        result.arg = index;
        code.push_back(result);
    }
    code.push_back(Instr{Code::halt});
    seal(*program_);
}

void ConditionSet::test(const Environment& env, signed char* out) const {
    Owned owned;
    run(*program_, env, owned, out);
}

}  // namespace dxassess::engine
