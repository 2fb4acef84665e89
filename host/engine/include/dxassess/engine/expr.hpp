// The condition language: parse and type-check once at load, evaluate many times.
//
// Grammar and semantics are documented in docs/rule-language.md. Evaluation always terminates
// (no loops, no recursion in the language) and has no side effects.
#pragma once

#include "dxassess/engine/text.hpp"
#include "dxassess/engine/value.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dxassess::engine {

/// A syntax or type error at a byte offset inside the expression text.
class ExprError : public std::runtime_error {
public:
    ExprError(std::size_t offset, Text message)
        : std::runtime_error(message.en), offset_(offset), message_(std::move(message)) {}
    std::size_t offset() const noexcept { return offset_; }
    const Text& message() const noexcept { return message_; }

private:
    std::size_t offset_;
    Text message_;
};

/// A name an expression may use: a question, a derived fact or a profile field.
struct NameInfo {
    Type type = Type::unknown;
    /// Allowed values of a choice / multi-choice question; string literals compared with it are checked.
    std::vector<std::string> choices;
    /// A table question: plugins read it, conditions use the facts derived from it.
    bool table = false;
    /// Index of the name in its rule set's slot table (-1: look the name up); bound at compile time
    /// so that evaluation does no string lookups.
    int slot = -1;
};

/// The signature of a function registered by a plugin.
struct FunctionInfo {
    std::vector<Type> params;
    Type result = Type::unknown;
};

/// Everything an expression can refer to, fixed before parsing.
struct Scope {
    std::map<std::string, NameInfo, std::less<>> names;
    std::map<std::string, FunctionInfo, std::less<>> functions;
    /// Names fixed when the rule set loads (reference figures, "ref.<id>"): compiled as literals.
    std::map<std::string, Value, std::less<>> constants;
};

/// Supplies values at evaluation time.
class Environment {
public:
    virtual ~Environment() = default;
    /// The value bound to a name from the Scope, or unknown.
    virtual Value lookup(const std::string& name) const = 0;
    /// Calls a plugin function from the Scope with known arguments of the declared types.
    /// Returns unknown when the function fails.
    virtual Value call(const std::string& function, const std::vector<Value>& args) const = 0;
    /// The reference date for days_since().
    virtual Date today() const = 0;

    /// The value of a slot (NameInfo::slot), or nullptr for a slot out of the table: evaluation then
    /// falls back to lookup(name). Not virtual: it is the hot path of evaluation.
    const Value* slot(int index) const {
        return index >= 0 && static_cast<std::size_t>(index) < slot_count_ ? slot_values_[index] : nullptr;
    }

    /// The whole slot table, for evaluation loops that read it directly: slot i (0 <= i < count)
    /// is table[i].
    const Value* const* slot_table() const { return slot_values_; }
    std::size_t slot_count() const { return slot_count_; }

protected:
    Environment() = default;
    Environment(const Environment&) = delete;  // the slot table may point into the derived object
    Environment& operator=(const Environment&) = delete;
    /// Makes slot(i) return values[i]; the table must outlive the environment's use, and every
    /// entry points at a Value (an unknown one for a name without a value).
    void bind_slots(const Value* const* values, std::size_t count) {
        slot_values_ = values;
        slot_count_ = count;
    }

private:
    const Value* const* slot_values_ = nullptr;
    std::size_t slot_count_ = 0;
};

struct Program;

/// A parsed, type-checked expression.
class Expression {
public:
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;
    ~Expression();

    /// Parses and type-checks `source` against `scope`. Throws ExprError.
    static Expression compile(const std::string& source, const Scope& scope);

    Type type() const noexcept;
    /// Evaluates; an unknown result means some needed input was unknown (or a division by zero).
    Value evaluate(const Environment& env) const;
    /// Evaluates a boolean expression to 1 (true), 0 (false) or -1 (unknown): the fast path for
    /// conditions, which builds no Value.
    int test(const Environment& env) const;
    /// Names (questions, facts, profile fields) the expression reads, in order of first use.
    const std::vector<std::string>& names() const noexcept { return names_; }
    /// Their slots (-1 when unbound), parallel to names().
    const std::vector<int>& slots() const noexcept { return slots_; }
    const std::string& source() const noexcept { return source_; }

private:
    friend class ConditionSet;
    friend const Program& program_of(const Expression& e);  // internal: the evaluator and its tests
    Expression() = default;
    std::string source_;
    std::unique_ptr<Program> program_;  // the checked expression, lowered to flat code
    std::vector<std::string> names_;
    std::vector<int> slots_;
};

/// Boolean conditions run together as one program: a rule set's criteria and checks are evaluated
/// in one pass, without the set-up of a separate evaluation for each.
class ConditionSet {
public:
    ConditionSet();
    ConditionSet(ConditionSet&&) noexcept;
    ConditionSet& operator=(ConditionSet&&) noexcept;
    ~ConditionSet();

    /// Appends a boolean condition; its truth is written at index size() - 1 by test().
    void add(const Expression& condition);
    std::size_t size() const noexcept { return count_; }
    /// Writes each condition's truth to out[0 .. size()): 1 true, 0 false, -1 unknown (as Expression::test).
    void test(const Environment& env, signed char* out) const;

private:
    std::unique_ptr<Program> program_;
    std::size_t count_ = 0;
};

/// The built-in function names (for documentation and "did you mean").
const std::vector<std::string>& builtin_functions();

}  // namespace dxassess::engine
