// The reference semantics of the condition language (docs/rule-language.md), written as plainly as
// possible: a recursive walk of the checked syntax tree over Values, with Kleene logic spelled out.
// It is slow and allocates; it exists so that tests can hold the lowered, typed program
// (expr_eval.cpp) to it on every generated input.
#include "expr_program.hpp"

#include <cmath>
#include <optional>

namespace dxassess::engine {
namespace {

/// `v` if it has the type the checker gave its node (an integer widened where a number is
/// declared), else unknown.
Value as_declared(Value v, Type declared) {
    if (!is_known(v)) return v;
    if (declared == Type::number && std::holds_alternative<std::int64_t>(v)) return static_cast<double>(std::get<std::int64_t>(v));
    return type_of(v) == declared ? v : Value{};
}

std::optional<bool> truth_of(const Value& v) {
    if (const bool* b = std::get_if<bool>(&v)) return *b;
    return std::nullopt;
}

bool numeric(const Value& v) { return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v); }
double as_double(const Value& v) {
    return std::holds_alternative<std::int64_t>(v) ? static_cast<double>(std::get<std::int64_t>(v)) : std::get<double>(v);
}

class Walk {
public:
    explicit Walk(const Environment& env) : env_(env) {}

    Value operator()(const Node& n) const {
        switch (n.op) {
            case Op::literal:
            case Op::list: return n.literal;
            case Op::name: return as_declared(raw(n), n.type);
            case Op::negate: {
                const Value v = (*this)(*n.kids[0]);
                if (const auto* i = std::get_if<std::int64_t>(&v)) return *i == INT64_MIN ? Value{} : Value{-*i};
                if (const auto* d = std::get_if<double>(&v)) return -*d;
                return {};
            }
            case Op::logical_not: {
                const auto t = truth_of((*this)(*n.kids[0]));
                return t ? Value{!*t} : Value{};
            }
            case Op::logical_and: return junction(true, n);
            case Op::logical_or: return junction(false, n);
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
                const Value l = (*this)(*n.kids[0]), r = (*this)(*n.kids[1]);
                const auto* s = std::get_if<std::string>(&l);
                const auto* list = std::get_if<StringList>(&r);
                if (!s || !list) return {};
                bool found = false;
                for (const auto& e : *list) found = found || e == *s;
                return n.op == Op::in ? found : !found;
            }
            case Op::builtin: return builtin(n);
            case Op::plugin_call: {
                std::vector<Value> args;
                for (std::size_t k = 0; k < n.kids.size(); ++k) {
                    Value a = (*this)(*n.kids[k]);
                    if (!is_known(a)) return {};
                    if (n.widen & (1u << k) && std::holds_alternative<std::int64_t>(a)) a = static_cast<double>(std::get<std::int64_t>(a));
                    args.push_back(std::move(a));
                }
                return as_declared(env_.call(n.name, args), n.type);
            }
        }
        return {};
    }

private:
    Value raw(const Node& name) const {
        const Value* v = env_.slot(name.slot);
        return v ? *v : env_.lookup(name.name);
    }

    /// Kleene: `and` is false if any operand is false, else unknown if any is unknown, else true.
    Value junction(bool is_and, const Node& n) const {
        bool any_unknown = false;
        for (const auto& k : n.kids) {
            const auto t = truth_of((*this)(*k));
            if (!t) any_unknown = true;
            else if (*t != is_and) return !is_and;
        }
        return any_unknown ? Value{} : Value{is_and};
    }

    Value arithmetic(const Node& n) const {
        const Value l = (*this)(*n.kids[0]), r = (*this)(*n.kids[1]);
        if (!numeric(l) || !numeric(r)) return {};
        if (n.type == Type::integer) {
            const std::int64_t a = std::get<std::int64_t>(l), b = std::get<std::int64_t>(r);
            std::int64_t out = 0;
            const bool overflow = n.op == Op::add   ? __builtin_add_overflow(a, b, &out)
                                  : n.op == Op::sub ? __builtin_sub_overflow(a, b, &out)
                                                    : __builtin_mul_overflow(a, b, &out);
            return overflow ? Value{} : Value{out};
        }
        const double a = as_double(l), b = as_double(r);
        if (n.op == Op::div && b == 0) return {};
        const double out = n.op == Op::add ? a + b : n.op == Op::sub ? a - b : n.op == Op::mul ? a * b : a / b;
        return std::isfinite(out) ? Value{out} : Value{};
    }

    Value compare(const Node& n) const {
        const Value l = (*this)(*n.kids[0]), r = (*this)(*n.kids[1]);
        if (!is_known(l) || !is_known(r)) return {};
        int c = 0;  // <0, 0, >0
        if (std::holds_alternative<std::int64_t>(l) && std::holds_alternative<std::int64_t>(r)) {
            const auto a = std::get<std::int64_t>(l), b = std::get<std::int64_t>(r);
            c = a < b ? -1 : a > b ? 1 : 0;
        } else if (numeric(l) && numeric(r)) {
            const double a = as_double(l), b = as_double(r);
            c = a < b ? -1 : a > b ? 1 : 0;
        } else if (std::holds_alternative<Date>(l) && std::holds_alternative<Date>(r)) {
            const auto a = std::get<Date>(l).serial(), b = std::get<Date>(r).serial();
            c = a < b ? -1 : a > b ? 1 : 0;
        } else if (type_of(l) == type_of(r)) {
            c = l == r ? 0 : 1;  // strings and booleans: equality only (checked at load)
        } else {
            return {};
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
                const Value v = (*this)(*n.kids[0]);
                const auto* l = std::get_if<StringList>(&v);
                return l ? Value{static_cast<std::int64_t>(l->size())} : Value{};
            }
            case Builtin::any: return junction(false, n);
            case Builtin::all: return junction(true, n);
            case Builtin::min:
            case Builtin::max: {
                Value best;
                for (const auto& k : n.kids) {
                    const Value v = (*this)(*k);
                    if (!numeric(v)) return {};
                    if (&k == &n.kids.front()) best = v;
                    else if (n.type == Type::integer ? (n.builtin == Builtin::min ? std::get<std::int64_t>(v) < std::get<std::int64_t>(best)
                                                                                  : std::get<std::int64_t>(v) > std::get<std::int64_t>(best))
                                                     : (n.builtin == Builtin::min ? as_double(v) < as_double(best) : as_double(v) > as_double(best)))
                        best = v;  // strictly better: the first wins ties
                }
                return as_declared(best, n.type);
            }
            case Builtin::days_since: {
                const Value v = (*this)(*n.kids[0]);
                const auto* d = std::get_if<Date>(&v);
                return d ? Value{env_.today().serial() - d->serial()} : Value{};
            }
            case Builtin::known: return is_known(raw(*n.kids[0]));
            case Builtin::date: break;  // folded into a literal at load
        }
        return {};
    }

    const Environment& env_;
};

}  // namespace

Value evaluate_tree(const Node& root, const Environment& env) { return Walk{env}(root); }

}  // namespace dxassess::engine
