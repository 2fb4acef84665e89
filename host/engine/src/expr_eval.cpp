// Evaluation of a checked expression with three-valued (Kleene) logic: unknown inputs
// propagate, except where the result is decided anyway (false and ?, true or ?).
//
// At compile time the syntax tree is lowered to a flat postfix program over a small value
// stack: names are read through their slots, literals are pre-built constants, and `and`/`or`
// jump over their right side once decided. Evaluation works on references (Ref) — strings and
// lists are pointed to, never copied — so a condition costs no string lookup, no tree walk and
// no allocation. Only plugin function results are owned, for the duration of one evaluation.
#include "expr_program.hpp"

#include "dxassess/engine/expr.hpp"

#include <algorithm>
#include <cmath>
#include <forward_list>
#include <memory>
#include <stdexcept>

namespace dxassess::engine {
namespace {

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

/// String equality without a library call: answers and literals are short.
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

/// A tri-state boolean: -1 unknown, 0 false, 1 true.
int truth(const Ref& r) { return r.type == Type::boolean ? (r.b ? 1 : 0) : -1; }
Ref from_truth(int t) { return t < 0 ? Ref::none() : Ref::boolean(t == 1); }

Ref arithmetic(Op op, bool integer, const Ref& l, const Ref& r) {
    if (!l.known() || !r.known()) return Ref::none();
    if (integer) {
        std::int64_t out = 0;
        bool overflow = false;
        if (op == Op::add) overflow = __builtin_add_overflow(l.i, r.i, &out);
        else if (op == Op::sub) overflow = __builtin_sub_overflow(l.i, r.i, &out);
        else overflow = __builtin_mul_overflow(l.i, r.i, &out);
        return overflow ? Ref::none() : Ref::integer(out);
    }
    const double a = l.as_double(), b = r.as_double();
    double out = 0;
    switch (op) {
        case Op::add: out = a + b; break;
        case Op::sub: out = a - b; break;
        case Op::mul: out = a * b; break;
        default:
            if (b == 0) return Ref::none();  // undefined, not infinity: never a silent score
            out = a / b;
    }
    return std::isfinite(out) ? Ref::number(out) : Ref::none();
}

Ref compare(Op op, const Ref& l, const Ref& r) {
    if (!l.known() || !r.known()) return Ref::none();
    int c = 0;  // <0, 0, >0
    if (l.type == Type::integer && r.type == Type::integer) {
        c = l.i < r.i ? -1 : (l.i > r.i ? 1 : 0);
    } else if (l.type == Type::integer || l.type == Type::number) {
        const double a = l.as_double(), b = r.as_double();
        c = a < b ? -1 : (a > b ? 1 : 0);
    } else if (l.type == Type::date) {
        c = *l.date < *r.date ? -1 : (*l.date > *r.date ? 1 : 0);
    } else if (l.type == Type::string) {
        c = same(*l.s, *r.s) ? 0 : 1;  // strings: equality only (checked at load)
    } else {
        c = l.b == r.b ? 0 : 1;
    }
    switch (op) {
        case Op::eq: return Ref::boolean(c == 0);
        case Op::ne: return Ref::boolean(c != 0);
        case Op::lt: return Ref::boolean(c < 0);
        case Op::le: return Ref::boolean(c <= 0);
        case Op::gt: return Ref::boolean(c > 0);
        default: return Ref::boolean(c >= 0);
    }
}

/// min/max of two operands; the first wins ties. `number`: the result type is number.
Ref pick(bool min, bool number, Ref l, Ref r) {
    if (!l.known() || !r.known()) return Ref::none();
    if (number) {
        l = Ref::number(l.as_double());
        r = Ref::number(r.as_double());
    }
    const bool r_better = min ? r.as_double() < l.as_double() : r.as_double() > l.as_double();
    return r_better ? r : l;
}

/// Lowers a syntax tree to postfix code, tracking the stack depth it needs.
class Lowering {
public:
    explicit Lowering(Program& p) : p_(p) {}

    void operator()(const Node& n) {
        switch (n.op) {
            case Op::literal:
            case Op::list:
                p_.constants.push_back(n.literal);
                emit(Code::constant, 0, 0, static_cast<std::int32_t>(p_.constants.size() - 1), +1);
                return;
            case Op::name:
                emit(Code::load, 0, name_index(n.name), n.slot, +1);
                return;
            case Op::negate:
                (*this)(*n.kids[0]);
                emit(Code::negate, 0, 0, 0, 0);
                return;
            case Op::logical_not:
                (*this)(*n.kids[0]);
                emit(Code::logical_not, 0, 0, 0, 0);
                return;
            case Op::logical_and:
            case Op::logical_or: junction(n.op == Op::logical_and, n.kids); return;
            case Op::add:
            case Op::sub:
            case Op::mul:
            case Op::div: binary(n, Code::arithmetic, n.type == Type::integer); return;
            case Op::eq:
            case Op::ne:
            case Op::lt:
            case Op::le:
            case Op::gt:
            case Op::ge: binary(n, Code::compare, 0); return;
            case Op::in:
            case Op::not_in: binary(n, Code::member, 0); return;
            case Op::builtin: builtin(n); return;
            case Op::plugin_call: {
                for (const auto& k : n.kids) (*this)(*k);
                const int argc = static_cast<int>(n.kids.size());
                emit(Code::call, 0, name_index(n.name), argc, 1 - argc);
                p_.code.back().k = static_cast<std::int32_t>(n.widen);
                return;
            }
        }
    }

private:
    void builtin(const Node& n) {
        switch (n.builtin) {
            case Builtin::count:
            case Builtin::days_since:
            case Builtin::known:
                (*this)(*n.kids[0]);
                emit(n.builtin == Builtin::count ? Code::count : n.builtin == Builtin::known ? Code::known : Code::days_since,
                     0, 0, 0, 0);
                return;
            case Builtin::any:
            case Builtin::all: junction(n.builtin == Builtin::all, n.kids); return;
            case Builtin::min:
            case Builtin::max:
                (*this)(*n.kids[0]);
                for (std::size_t k = 1; k < n.kids.size(); ++k) {
                    (*this)(*n.kids[k]);
                    emit(Code::pick, static_cast<std::uint8_t>(n.builtin == Builtin::min), n.type == Type::number, 0, -1);
                }
                return;
            case Builtin::date: break;  // folded into a literal at load
        }
    }

    /// a and b and ...: each operand after the first is skipped once the result is decided;
    /// Kleene logic makes any()/all() the same chain as or/and.
    void junction(bool is_and, const std::vector<std::unique_ptr<Node>>& kids) {
        if (kids.empty()) {
            p_.constants.emplace_back(is_and);
            emit(Code::constant, 0, 0, static_cast<std::int32_t>(p_.constants.size() - 1), +1);
            return;
        }
        (*this)(*kids[0]);
        std::vector<std::size_t> skips;
        for (std::size_t k = 1; k < kids.size(); ++k) {
            skips.push_back(p_.code.size());
            emit(Code::skip, is_and, 0, 0, 0);
            (*this)(*kids[k]);
            emit(Code::join, is_and, 0, 0, -1);
        }
        for (const std::size_t s : skips) p_.code[s].arg = static_cast<std::int32_t>(p_.code.size());
    }

    void binary(const Node& n, Code code, std::uint16_t flag) {
        const Node& l = *n.kids[0];
        const Node& r = *n.kids[1];
        if ((code == Code::compare || code == Code::member) && l.op == Op::name && (r.op == Op::literal || r.op == Op::list)) {
            p_.constants.push_back(r.literal);
            emit(code == Code::compare ? Code::compare_name : Code::member_name, static_cast<std::uint8_t>(n.op),
                 name_index(l.name), l.slot, +1);
            p_.code.back().k = static_cast<std::int32_t>(p_.constants.size() - 1);
            return;
        }
        (*this)(*n.kids[0]);
        (*this)(*n.kids[1]);
        emit(code, static_cast<std::uint8_t>(n.op), flag, 0, -1);
    }

    std::uint16_t name_index(const std::string& name) {
        const auto it = std::find(p_.names.begin(), p_.names.end(), name);
        if (it != p_.names.end()) return static_cast<std::uint16_t>(it - p_.names.begin());
        if (p_.names.size() >= 65535) throw std::length_error("too many names in one expression");
        p_.names.push_back(name);
        return static_cast<std::uint16_t>(p_.names.size() - 1);
    }

    void emit(Code code, std::uint8_t aux, std::uint16_t n, std::int32_t arg, int stack_change) {
        p_.code.push_back(Instr{code, aux, n, arg, 0});
        depth_ += stack_change;
        p_.depth = std::max(p_.depth, static_cast<std::size_t>(depth_));
    }

    Program& p_;
    int depth_ = 0;
};

Ref member(Op op, const Ref& l, const Ref& r) {
    if (!l.known() || !r.known()) return Ref::none();
    const bool found = contains(*r.l, *l.s);
    return Ref::boolean(op == Op::in ? found : !found);
}

constexpr std::size_t local_stack = 32;

/// Values computed during one evaluation (plugin results, names read by lookup), kept at stable
/// addresses until it ends.
class Owned {
public:
    const Value& keep(Value v) { return values_.emplace_front(std::move(v)); }

private:
    std::forward_list<Value> values_;  // allocates only when a value is kept
};

/// Runs a program. The result may point into `owned`, which must outlive its use. `results`
/// receives the truths of a ConditionSet's conditions.
Ref run(const Program& p, const Environment& env, Owned& owned, signed char* results = nullptr) {
    Ref local[local_stack];
    std::unique_ptr<Ref[]> heap;  // only for unusually deep expressions
    if (p.depth > local_stack) heap = std::make_unique<Ref[]>(p.depth);
    Ref* const stack = heap ? heap.get() : local;
    const auto own = [&owned](Value v) -> const Value& { return owned.keep(std::move(v)); };
    std::vector<Value> args;  // plugin call arguments, reused within the run
    const auto load = [&](const Instr& in) {
        const Value* v = env.slot(in.arg);
        return ref_of(v ? *v : own(env.lookup(p.names[in.n])));
    };

    // Locals, not members: writes through `results` (char) could alias anything reached through `p`.
    const Instr* const code = p.code.data();
    const Ref* const constants = p.constant_refs.data();
    std::int64_t today = INT64_MIN;  // days since 1970 of env.today(), read once when needed
    std::size_t sp = 0;  // next free stack entry
    const std::size_t end = p.code.size();
    for (std::size_t pc = 0; pc < end; ++pc) {
        const Instr& in = code[pc];
        switch (in.code) {
            case Code::constant: stack[sp++] = constants[in.arg]; break;
            case Code::load: stack[sp++] = load(in); break;
            case Code::compare_name:
                stack[sp++] = compare(static_cast<Op>(in.aux), load(in), constants[in.k]);
                break;
            case Code::member_name:
                stack[sp++] = member(static_cast<Op>(in.aux), load(in), constants[in.k]);
                break;
            case Code::negate: {
                Ref& v = stack[sp - 1];
                if (v.type == Type::integer) v = v.i == INT64_MIN ? Ref::none() : Ref::integer(-v.i);
                else if (v.type == Type::number) v = Ref::number(-v.d);
                else v = Ref::none();
                break;
            }
            case Code::logical_not: {
                const int t = truth(stack[sp - 1]);
                stack[sp - 1] = t < 0 ? Ref::none() : Ref::boolean(t == 0);
                break;
            }
            case Code::skip: {  // and: false decides; or: true decides
                const int t = truth(stack[sp - 1]);
                if (t == (in.aux ? 0 : 1)) pc = static_cast<std::size_t>(in.arg) - 1;
                break;
            }
            case Code::join: {
                const int r = truth(stack[--sp]);
                const int l = truth(stack[sp - 1]);  // not the deciding value: skip would have jumped
                const int decides = in.aux ? 0 : 1;
                stack[sp - 1] = r == decides ? Ref::boolean(decides == 1) : from_truth(l < 0 || r < 0 ? -1 : 1 - decides);
                break;
            }
            case Code::arithmetic:
                --sp;
                stack[sp - 1] = arithmetic(static_cast<Op>(in.aux), in.n != 0, stack[sp - 1], stack[sp]);
                break;
            case Code::compare:
                --sp;
                stack[sp - 1] = compare(static_cast<Op>(in.aux), stack[sp - 1], stack[sp]);
                break;
            case Code::member:
                --sp;
                stack[sp - 1] = member(static_cast<Op>(in.aux), stack[sp - 1], stack[sp]);
                break;
            case Code::count: {
                Ref& v = stack[sp - 1];
                v = v.known() ? Ref::integer(static_cast<std::int64_t>(v.l->size())) : Ref::none();
                break;
            }
            case Code::known: stack[sp - 1] = Ref::boolean(stack[sp - 1].known()); break;
            case Code::days_since: {
                Ref& v = stack[sp - 1];
                if (v.known() && today == INT64_MIN) today = env.today().serial();
                v = v.known() ? Ref::integer(today - v.date->serial()) : Ref::none();
                break;
            }
            case Code::pick:
                --sp;
                stack[sp - 1] = pick(in.aux != 0, in.n != 0, stack[sp - 1], stack[sp]);
                break;
            case Code::result:
                results[in.arg] = static_cast<signed char>(truth(stack[sp - 1]));
                sp = 0;
                break;
            case Code::call: {
                const auto argc = static_cast<std::size_t>(in.arg);
                sp -= argc;
                bool known = true;
                args.clear();
                const auto widen = static_cast<std::uint32_t>(in.k);
                for (std::size_t k = 0; k < argc && known; ++k) {
                    known = stack[sp + k].known();
                    args.push_back(value_of(stack[sp + k]));
                    if (widen & (1u << k) && std::holds_alternative<std::int64_t>(args.back()))
                        args.back() = static_cast<double>(std::get<std::int64_t>(args.back()));
                }
                stack[sp++] = known ? ref_of(own(env.call(p.names[in.n], args))) : Ref::none();
                break;
            }
        }
    }
    return sp > 0 ? stack[0] : Ref::none();
}

/// Copies `from`'s code to the end of `to`, renumbering its constants, names and jumps.
void append(Program& to, const Program& from) {
    const auto code_base = static_cast<std::int32_t>(to.code.size());
    const auto const_base = static_cast<std::int32_t>(to.constants.size());
    if (to.names.size() + from.names.size() > 65535) throw std::length_error("too many names in one condition set");
    const auto name_base = static_cast<std::uint16_t>(to.names.size());
    for (Instr in : from.code) {
        switch (in.code) {
            case Code::constant: in.arg += const_base; break;
            case Code::load:
            case Code::call: in.n = static_cast<std::uint16_t>(in.n + name_base); break;
            case Code::compare_name:
            case Code::member_name:
                in.n = static_cast<std::uint16_t>(in.n + name_base);
                in.k += const_base;
                break;
            case Code::skip: in.arg += code_base; break;
            default: break;
        }
        to.code.push_back(in);
    }
    to.constants.insert(to.constants.end(), from.constants.begin(), from.constants.end());
    to.names.insert(to.names.end(), from.names.begin(), from.names.end());
    to.depth = std::max(to.depth, from.depth);
}

}  // namespace

Program lower(const Node& root) {
    Program p;
    p.type = root.type;
    Lowering{p}(root);
    seal(p);
    return p;
}

void seal(Program& p) {
    p.constant_refs.clear();
    for (const Value& v : p.constants) p.constant_refs.push_back(ref_of(v));
}

Value Expression::evaluate(const Environment& env) const {
    Owned owned;
    return value_of(run(*program_, env, owned));
}

int Expression::test(const Environment& env) const {
    Owned owned;
    return truth(run(*program_, env, owned));
}

ConditionSet::ConditionSet() : program_(std::make_unique<Program>()) { program_->type = Type::boolean; }
ConditionSet::ConditionSet(ConditionSet&&) noexcept = default;
ConditionSet& ConditionSet::operator=(ConditionSet&&) noexcept = default;
ConditionSet::~ConditionSet() = default;

void ConditionSet::add(const Expression& condition) {
    if (condition.type() != Type::boolean) throw std::invalid_argument("a condition must be boolean: " + condition.source());
    append(*program_, *condition.program_);
    program_->code.push_back(Instr{Code::result, 0, 0, static_cast<std::int32_t>(count_++), 0});
    seal(*program_);
}

void ConditionSet::test(const Environment& env, signed char* out) const {
    Owned owned;
    run(*program_, env, owned, out);
}

}  // namespace dxassess::engine
