// The condition language: lexing, parsing, type checks, lowering and evaluation. The first byte
// picks which names are known (and whether slots are bound); the rest is the expression. The
// compiled program must give what the reference tree walk gives (expr_reference.cpp), and the
// three ways of evaluating a boolean condition must agree: evaluate(), test() and a ConditionSet.
#include "dxassess/engine/expr.hpp"
#include "expr_program.hpp"  // white-box: program_of() and evaluate_tree()

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

using namespace dxassess::engine;

namespace {

const Scope& scope() {
    static const Scope s = [] {
        Scope sc;
        sc.names["flag"] = {Type::boolean, {}, false, 0};
        sc.names["count"] = {Type::integer, {}, false, 1};
        sc.names["share"] = {Type::number, {}, false, 2};
        sc.names["mode"] = {Type::string, {"formal", "trial", "none"}, false, 3};
        sc.names["since"] = {Type::date, {}, false, 4};
        sc.names["forms"] = {Type::list, {"home", "mobile", "office"}, false, 5};
        sc.names["profile.population"] = {Type::integer, {}, false, 6};
        sc.names["systems"] = {Type::list, {}, true, -1};  // a table question: only its facts are usable
        sc.functions["ratio_of"] = {{Type::integer, Type::integer}, Type::number};
        sc.functions["is_big"] = {{Type::number}, Type::boolean};
        sc.constants["ref.target"] = Value{0.8};
        sc.constants["ref.deadline"] = Value{Date{2026, 3, 31}};
        return sc;
    }();
    return s;
}

class FuzzEnvironment : public Environment {
public:
    explicit FuzzEnvironment(std::uint8_t known) {
        values_ = {Value{true}, Value{std::int64_t{42}}, Value{0.5}, Value{std::string("trial")}, Value{Date{2024, 4, 1}},
                   Value{StringList{"home", "office"}}, Value{std::int64_t{3200}}};
        for (std::size_t i = 0; i < values_.size(); ++i)
            if (!(known & (1u << i))) values_[i] = Value{};
        for (const auto& v : values_) table_.push_back(&v);
        if (known & 0x80) bind_slots(table_.data(), table_.size());  // else every name is looked up
    }
    Value lookup(const std::string& name) const override {
        const auto it = scope().names.find(name);
        return it == scope().names.end() || it->second.slot < 0 ? Value{} : values_[static_cast<std::size_t>(it->second.slot)];
    }
    Value call(const std::string& function, const std::vector<Value>& args) const override {
        if (function == "ratio_of" && args.size() == 2) {
            const auto a = std::get<std::int64_t>(args[0]), b = std::get<std::int64_t>(args[1]);  // declared types: a wrong one traps
            return b == 0 ? Value{} : Value{static_cast<double>(a) / static_cast<double>(b)};
        }
        if (function == "is_big" && args.size() == 1) return Value{std::get<double>(args[0]) > 100.0};
        __builtin_trap();  // only declared functions with their declared arity are called
    }
    Date today() const override { return Date{2026, 4, 1}; }

private:
    std::vector<Value> values_;
    std::vector<const Value*> table_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const FuzzEnvironment env(data[0]);
    const std::string source(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        const Expression e = Expression::compile(source, scope());
        const Value v = e.evaluate(env);
        if (v != evaluate_tree(*program_of(e).tree, env)) __builtin_trap();
        if (e.type() != Type::boolean) return 0;
        const int truth = e.test(env);
        const int expected = std::holds_alternative<std::monostate>(v) ? -1 : std::get<bool>(v) ? 1 : 0;
        if (truth != expected) __builtin_trap();
        ConditionSet set;
        set.add(e);
        set.add(e);
        signed char out[2] = {9, 9};
        set.test(env, out);
        if (out[0] != truth || out[1] != truth) __builtin_trap();
    } catch (const ExprError& e) {
        if (e.offset() > source.size() || e.message().ja.empty() || e.message().en.empty()) __builtin_trap();
    }
    return 0;
}
