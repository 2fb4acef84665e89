// Evaluation of a checked expression with three-valued (Kleene) logic: unknown inputs
// propagate, except where the result is decided anyway (false and ?, true or ?).
//
// Evaluation works on references (Ref): names are read through their compile-time slots and
// strings and lists are pointed to, never copied, so a condition costs no string lookup and no
// allocation. Only plugin function results are owned, for the duration of one evaluation.
#include "expr_ast.hpp"

#include "dxassess/engine/expr.hpp"

#include <algorithm>
#include <cmath>
#include <forward_list>

namespace dxassess::engine {
namespace {

struct Ref {
    Type type = Type::unknown;
    union {
        bool b;
        std::int64_t i;
        double d;
        Date date;
        const std::string* s;
        const StringList* l;
    };
    Ref() : i(0) {}
    static Ref boolean(bool v) { Ref r; r.type = Type::boolean; r.b = v; return r; }
    static Ref integer(std::int64_t v) { Ref r; r.type = Type::integer; r.i = v; return r; }
    static Ref number(double v) { Ref r; r.type = Type::number; r.d = v; return r; }
    bool known() const { return type != Type::unknown; }
    double as_double() const { return type == Type::integer ? static_cast<double>(i) : d; }
};

Ref ref_of(const Value& v) {
    Ref r;
    switch (v.index()) {
        case 1: return Ref::boolean(std::get<bool>(v));
        case 2: return Ref::integer(std::get<std::int64_t>(v));
        case 3: return Ref::number(std::get<double>(v));
        case 4: r.type = Type::string; r.s = &std::get<std::string>(v); return r;
        case 5: r.type = Type::date; r.date = std::get<Date>(v); return r;
        case 6: r.type = Type::list; r.l = &std::get<StringList>(v); return r;
        default: return r;
    }
}

Value value_of(const Ref& r) {
    switch (r.type) {
        case Type::boolean: return r.b;
        case Type::integer: return r.i;
        case Type::number: return r.d;
        case Type::string: return *r.s;
        case Type::date: return r.date;
        case Type::list: return *r.l;
        case Type::unknown: break;
    }
    return {};
}

/// A tri-state boolean: -1 unknown, 0 false, 1 true.
int truth(const Ref& r) { return r.type == Type::boolean ? (r.b ? 1 : 0) : -1; }
Ref from_truth(int t) { return t < 0 ? Ref{} : Ref::boolean(t == 1); }

class Evaluator {
public:
    explicit Evaluator(const Environment& env) : env_(env) {}

    Ref eval(const Node& n) {
        switch (n.op) {
            case Op::literal:
            case Op::list: return ref_of(n.literal);
            case Op::name: {
                if (n.slot >= 0)
                    if (const Value* v = env_.slot(n.slot)) return ref_of(*v);
                return ref_of(own(env_.lookup(n.name)));
            }
            case Op::negate: {
                const Ref v = eval(*n.kids[0]);
                if (v.type == Type::integer) return v.i == INT64_MIN ? Ref{} : Ref::integer(-v.i);
                if (v.type == Type::number) return Ref::number(-v.d);
                return {};
            }
            case Op::logical_not: {
                const int t = truth(eval(*n.kids[0]));
                return t < 0 ? Ref{} : Ref::boolean(t == 0);
            }
            case Op::logical_and: {
                const int l = truth(eval(*n.kids[0]));
                if (l == 0) return Ref::boolean(false);
                const int r = truth(eval(*n.kids[1]));
                if (r == 0) return Ref::boolean(false);
                return from_truth(l < 0 || r < 0 ? -1 : 1);
            }
            case Op::logical_or: {
                const int l = truth(eval(*n.kids[0]));
                if (l == 1) return Ref::boolean(true);
                const int r = truth(eval(*n.kids[1]));
                if (r == 1) return Ref::boolean(true);
                return from_truth(l < 0 || r < 0 ? -1 : 0);
            }
            case Op::add:
            case Op::sub:
            case Op::mul:
            case Op::div: return arithmetic(n);
            case Op::eq:
            case Op::ne:
            case Op::lt:
            case Op::le:
            case Op::gt:
            case Op::ge: return compare(n);
            case Op::in:
            case Op::not_in: {
                const Ref l = eval(*n.kids[0]);
                const Ref r = eval(*n.kids[1]);
                if (!l.known() || !r.known()) return {};
                const bool found = std::find(r.l->begin(), r.l->end(), *l.s) != r.l->end();
                return Ref::boolean(n.op == Op::in ? found : !found);
            }
            case Op::builtin: return builtin(n);
            case Op::plugin_call: {
                std::vector<Value> args;
                for (const auto& k : n.kids) {
                    const Ref v = eval(*k);
                    if (!v.known()) return {};
                    args.push_back(value_of(v));
                }
                return ref_of(own(env_.call(n.name, args)));
            }
        }
        return {};
    }

private:
    /// Keeps a computed value alive for the rest of this evaluation.
    const Value& own(Value v) { return owned_.emplace_front(std::move(v)); }

    Ref arithmetic(const Node& n) {
        const Ref l = eval(*n.kids[0]);
        const Ref r = eval(*n.kids[1]);
        if (!l.known() || !r.known()) return {};
        if (n.type == Type::integer) {
            std::int64_t out = 0;
            bool overflow = false;
            if (n.op == Op::add) overflow = __builtin_add_overflow(l.i, r.i, &out);
            else if (n.op == Op::sub) overflow = __builtin_sub_overflow(l.i, r.i, &out);
            else overflow = __builtin_mul_overflow(l.i, r.i, &out);
            return overflow ? Ref{} : Ref::integer(out);
        }
        const double a = l.as_double(), b = r.as_double();
        double out = 0;
        switch (n.op) {
            case Op::add: out = a + b; break;
            case Op::sub: out = a - b; break;
            case Op::mul: out = a * b; break;
            default:
                if (b == 0) return {};  // undefined, not infinity: never a silent score
                out = a / b;
        }
        return std::isfinite(out) ? Ref::number(out) : Ref{};
    }

    Ref compare(const Node& n) {
        const Ref l = eval(*n.kids[0]);
        const Ref r = eval(*n.kids[1]);
        if (!l.known() || !r.known()) return {};
        int c = 0;  // <0, 0, >0
        if (l.type == Type::integer && r.type == Type::integer) {
            c = l.i < r.i ? -1 : (l.i > r.i ? 1 : 0);
        } else if (l.type == Type::integer || l.type == Type::number) {
            const double a = l.as_double(), b = r.as_double();
            c = a < b ? -1 : (a > b ? 1 : 0);
        } else if (l.type == Type::date) {
            c = l.date < r.date ? -1 : (l.date > r.date ? 1 : 0);
        } else if (l.type == Type::string) {
            c = *l.s == *r.s ? 0 : 1;  // strings: equality only (checked at load)
        } else {
            c = l.b == r.b ? 0 : 1;
        }
        switch (n.op) {
            case Op::eq: return Ref::boolean(c == 0);
            case Op::ne: return Ref::boolean(c != 0);
            case Op::lt: return Ref::boolean(c < 0);
            case Op::le: return Ref::boolean(c <= 0);
            case Op::gt: return Ref::boolean(c > 0);
            default: return Ref::boolean(c >= 0);
        }
    }

    Ref builtin(const Node& n) {
        switch (n.builtin) {
            case Builtin::count: {
                const Ref v = eval(*n.kids[0]);
                return v.known() ? Ref::integer(static_cast<std::int64_t>(v.l->size())) : Ref{};
            }
            case Builtin::any:
            case Builtin::all: {
                const bool any = n.builtin == Builtin::any;
                bool unknown = false;
                for (const auto& k : n.kids) {
                    const int t = truth(eval(*k));
                    if (t < 0) unknown = true;
                    else if ((t == 1) == any) return Ref::boolean(any);  // decided
                }
                return unknown ? Ref{} : Ref::boolean(!any);
            }
            case Builtin::min:
            case Builtin::max: {
                Ref best;
                for (const auto& k : n.kids) {
                    Ref v = eval(*k);
                    if (!v.known()) return {};
                    if (n.type == Type::number && v.type == Type::integer) v = Ref::number(v.as_double());
                    if (!best.known()) best = v;
                    else if ((v.as_double() < best.as_double()) == (n.builtin == Builtin::min) && v.as_double() != best.as_double()) best = v;
                }
                return best;
            }
            case Builtin::days_since: {
                const Ref v = eval(*n.kids[0]);
                return v.known() ? Ref::integer(env_.today().serial() - v.date.serial()) : Ref{};
            }
            case Builtin::known: return Ref::boolean(eval(*n.kids[0]).known());
            case Builtin::date: break;  // folded into a literal at load
        }
        return {};
    }

    const Environment& env_;
    std::forward_list<Value> owned_;  // stable addresses; allocates only when something is owned
};

}  // namespace

Value Expression::evaluate(const Environment& env) const {
    Evaluator e(env);
    return value_of(e.eval(*root_));
}

}  // namespace dxassess::engine
