// Evaluation of a checked expression with three-valued (Kleene) logic: unknown inputs
// propagate, except where the result is decided anyway (false and ?, true or ?).
#include "expr_ast.hpp"

#include "dxassess/engine/expr.hpp"

#include <algorithm>
#include <cmath>

namespace dxassess::engine {
namespace {

double as_double(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::get<double>(v);
}

/// A tri-state boolean: -1 unknown, 0 false, 1 true.
int truth(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
    return -1;
}

Value from_truth(int t) {
    if (t < 0) return {};
    return t == 1;
}

class Evaluator {
public:
    explicit Evaluator(const Environment& env) : env_(env) {}

    Value eval(const Node& n) const {
        switch (n.op) {
            case Op::literal: return n.literal;
            case Op::name: return env_.lookup(n.name);
            case Op::list: {
                StringList out;
                for (const auto& k : n.kids) out.push_back(std::get<std::string>(k->literal));
                return out;
            }
            case Op::negate: {
                const Value v = eval(*n.kids[0]);
                if (!is_known(v)) return {};
                if (const auto* i = std::get_if<std::int64_t>(&v)) {
                    if (*i == INT64_MIN) return {};
                    return -*i;
                }
                return -std::get<double>(v);
            }
            case Op::logical_not: {
                const int t = truth(eval(*n.kids[0]));
                return t < 0 ? Value{} : Value{t == 0};
            }
            case Op::logical_and: {
                const int l = truth(eval(*n.kids[0]));
                if (l == 0) return false;
                const int r = truth(eval(*n.kids[1]));
                if (r == 0) return false;
                return from_truth(l < 0 || r < 0 ? -1 : 1);
            }
            case Op::logical_or: {
                const int l = truth(eval(*n.kids[0]));
                if (l == 1) return true;
                const int r = truth(eval(*n.kids[1]));
                if (r == 1) return true;
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
                const Value l = eval(*n.kids[0]);
                const Value r = eval(*n.kids[1]);
                if (!is_known(l) || !is_known(r)) return {};
                const auto& list = std::get<StringList>(r);
                const bool found = std::find(list.begin(), list.end(), std::get<std::string>(l)) != list.end();
                return n.op == Op::in ? found : !found;
            }
            case Op::builtin: return builtin(n);
            case Op::plugin_call: {
                std::vector<Value> args;
                for (const auto& k : n.kids) {
                    Value v = eval(*k);
                    if (!is_known(v)) return {};
                    args.push_back(std::move(v));
                }
                return env_.call(n.name, args);
            }
        }
        return {};
    }

private:
    Value arithmetic(const Node& n) const {
        const Value l = eval(*n.kids[0]);
        const Value r = eval(*n.kids[1]);
        if (!is_known(l) || !is_known(r)) return {};
        if (n.type == Type::integer) {
            const auto a = std::get<std::int64_t>(l);
            const auto b = std::get<std::int64_t>(r);
            std::int64_t out = 0;
            bool overflow = false;
            if (n.op == Op::add) overflow = __builtin_add_overflow(a, b, &out);
            else if (n.op == Op::sub) overflow = __builtin_sub_overflow(a, b, &out);
            else overflow = __builtin_mul_overflow(a, b, &out);
            if (overflow) return {};
            return out;
        }
        const double a = as_double(l);
        const double b = as_double(r);
        double out = 0;
        switch (n.op) {
            case Op::add: out = a + b; break;
            case Op::sub: out = a - b; break;
            case Op::mul: out = a * b; break;
            default:
                if (b == 0) return {};  // undefined, not infinity: never a silent score
                out = a / b;
        }
        if (!std::isfinite(out)) return {};
        return out;
    }

    Value compare(const Node& n) const {
        const Value l = eval(*n.kids[0]);
        const Value r = eval(*n.kids[1]);
        if (!is_known(l) || !is_known(r)) return {};
        int c = 0;  // <0, 0, >0
        const Type lt = type_of(l);
        if (lt == Type::integer || lt == Type::number) {
            const double a = as_double(l), b = as_double(r);
            if (std::holds_alternative<std::int64_t>(l) && std::holds_alternative<std::int64_t>(r)) {
                const auto x = std::get<std::int64_t>(l), y = std::get<std::int64_t>(r);
                c = x < y ? -1 : (x > y ? 1 : 0);
            } else {
                c = a < b ? -1 : (a > b ? 1 : 0);
            }
        } else if (lt == Type::date) {
            const auto a = std::get<Date>(l), b = std::get<Date>(r);
            c = a < b ? -1 : (a > b ? 1 : 0);
        } else {
            c = l == r ? 0 : 1;  // strings and booleans: equality only (checked at load)
        }
        switch (n.op) {
            case Op::eq: return c == 0;
            case Op::ne: return c != 0;
            case Op::lt: return c < 0;
            case Op::le: return c <= 0;
            case Op::gt: return c > 0;
            default: return c >= 0;
        }
    }

    Value builtin(const Node& n) const {
        switch (n.builtin) {
            case Builtin::count: {
                const Value v = eval(*n.kids[0]);
                if (!is_known(v)) return {};
                return static_cast<std::int64_t>(std::get<StringList>(v).size());
            }
            case Builtin::any:
            case Builtin::all: {
                const bool any = n.builtin == Builtin::any;
                bool unknown = false;
                for (const auto& k : n.kids) {
                    const int t = truth(eval(*k));
                    if (t < 0) unknown = true;
                    else if ((t == 1) == any) return any;  // decided
                }
                return unknown ? Value{} : Value{!any};
            }
            case Builtin::min:
            case Builtin::max: {
                Value best;
                for (const auto& k : n.kids) {
                    Value v = eval(*k);
                    if (!is_known(v)) return {};
                    if (n.type == Type::number) v = as_double(v);
                    if (!is_known(best)) {
                        best = v;
                        continue;
                    }
                    const bool less = as_double(v) < as_double(best);
                    if (less == (n.builtin == Builtin::min) && as_double(v) != as_double(best)) best = v;
                }
                return best;
            }
            case Builtin::days_since: {
                const Value v = eval(*n.kids[0]);
                if (!is_known(v)) return {};
                return env_.today().serial() - std::get<Date>(v).serial();
            }
            case Builtin::known: return is_known(eval(*n.kids[0]));
            case Builtin::date: break;  // folded into a literal at load
        }
        return {};
    }

    const Environment& env_;
};

}  // namespace

Value Expression::evaluate(const Environment& env) const { return Evaluator(env).eval(*root_); }

}  // namespace dxassess::engine
