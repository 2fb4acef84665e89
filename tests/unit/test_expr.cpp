// The condition language: precedence, types, three-valued logic, and every error with its offset.
#include "test_support.hpp"

#include "dxassess/engine/expr.hpp"

#include <map>

using namespace dxassess::engine;

namespace {

Scope make_scope() {
    Scope s;
    s.names["b"] = {Type::boolean, {}};
    s.names["i"] = {Type::integer, {}};
    s.names["n"] = {Type::number, {}};
    s.names["u"] = {Type::boolean, {}};  // never bound: unknown
    s.names["ui"] = {Type::integer, {}};
    s.names["s"] = {Type::string, {"formal", "trial"}};
    s.names["d"] = {Type::date, {}};
    s.names["l"] = {Type::list, {"home", "mobile", "satellite"}};
    s.names["staff_total"] = {Type::integer, {}};
    s.functions["twice"] = {{Type::integer}, Type::integer};
    s.functions["half"] = {{Type::number}, Type::number};
    return s;
}

class MapEnv : public Environment {
public:
    std::map<std::string, Value> values{
        {"b", true}, {"i", std::int64_t{4}}, {"n", 0.25}, {"s", std::string("formal")},
        {"d", Date{2025, 1, 1}}, {"l", StringList{"home", "mobile"}}, {"staff_total", std::int64_t{10}}};
    Value lookup(const std::string& name) const override {
        const auto it = values.find(name);
        return it == values.end() ? Value{} : it->second;
    }
    Value call(const std::string& fn, const std::vector<Value>& args) const override {
        // std::get throws on any other type: a function is called with the types it declared.
        if (fn == "half") return Value{std::get<double>(args[0]) / 2};
        return fn == "twice" ? Value{std::get<std::int64_t>(args[0]) * 2} : Value{};
    }
    Date today() const override { return Date{2025, 10, 1}; }
};

const Scope scope = make_scope();

Value eval(const std::string& src) {
    MapEnv env;
    return Expression::compile(src, scope).evaluate(env);
}

bool is_true(const Value& v) { return std::holds_alternative<bool>(v) && std::get<bool>(v); }
bool is_false(const Value& v) { return std::holds_alternative<bool>(v) && !std::get<bool>(v); }

/// Compiling `src` fails at `offset` with an English message containing `text`.
void expect_error(const std::string& src, std::size_t offset, const std::string& text) {
    INFO("expression: " << src);
    try {
        (void)Expression::compile(src, scope);
        FAIL("expected an error");
    } catch (const ExprError& e) {
        CHECK(e.offset() == offset);
        CHECK_THAT(e.message().en, Catch::Contains(text));
        CHECK_FALSE(e.message().ja.empty());
    }
}

}  // namespace

TEST_CASE("arithmetic and comparison precedence", "[expr]") {
    CHECK(is_true(eval("1 + 2 * 3 == 7")));
    CHECK(is_true(eval("(1 + 2) * 3 == 9")));
    CHECK(is_true(eval("10 - 4 - 3 == 3")));   // left-associative
    CHECK(is_true(eval("-i + 5 == 1")));
    CHECK(is_true(eval("10 / 4 == 2.5")));      // division is never integer division
    CHECK(is_true(eval("50% == 0.5")));
    CHECK(is_true(eval("n * 4 == 1")));
}

TEST_CASE("logical precedence: not > and > or", "[expr]") {
    CHECK(is_false(eval("not b and i > 0")));           // (not b) and ...
    CHECK(is_true(eval("b or i > 0 and false")));       // b or (... and false)
    CHECK(is_false(eval("(b or i > 0) and false")));
    CHECK(is_true(eval("not not b")));
}

TEST_CASE("static types of expressions", "[expr]") {
    CHECK(Expression::compile("i + 1", scope).type() == Type::integer);
    CHECK(Expression::compile("i / 2", scope).type() == Type::number);
    CHECK(Expression::compile("i + n", scope).type() == Type::number);
    CHECK(Expression::compile("count(l)", scope).type() == Type::integer);
    CHECK(Expression::compile("max(i, 2)", scope).type() == Type::integer);
    CHECK(Expression::compile("max(i, n)", scope).type() == Type::number);
    CHECK(Expression::compile("days_since(d)", scope).type() == Type::integer);
    CHECK(Expression::compile("s == \"trial\"", scope).type() == Type::boolean);
}

TEST_CASE("unknown inputs follow three-valued logic", "[expr]") {
    CHECK_FALSE(is_known(eval("u")));
    CHECK(is_false(eval("u and false")));
    CHECK(is_true(eval("u or true")));
    CHECK_FALSE(is_known(eval("u and true")));
    CHECK_FALSE(is_known(eval("u or false")));
    CHECK_FALSE(is_known(eval("not u")));
    CHECK_FALSE(is_known(eval("ui > 1")));
    CHECK_FALSE(is_known(eval("ui + 1 == 2")));
    CHECK(is_true(eval("any(u, true)")));
    CHECK_FALSE(is_known(eval("all(u, true)")));
    CHECK(is_false(eval("all(u, false)")));
    CHECK(is_false(eval("known(ui)")));
    CHECK(is_true(eval("known(i)")));
    CHECK_FALSE(is_known(eval("i / 0 > 1")));  // division by zero is undefined, not infinity
    CHECK_FALSE(is_known(eval("min(ui, 3) == 3")));
}

TEST_CASE("an integer passed to a number parameter arrives as a number (found by fuzz_expression)", "[expr]") {
    CHECK(std::get<double>(eval("half(00)")) == 0.0);
    CHECK(std::get<double>(eval("half(i)")) == 2.0);
    CHECK(std::get<double>(eval("half(n)")) == 0.125);
    CHECK(std::get<double>(eval("half(twice(i) + 1)")) == 4.5);
    MapEnv env;
    ConditionSet set;
    set.add(Expression::compile("half(i) == 2.0", scope));
    signed char out = 9;
    set.test(env, &out);
    CHECK(out == 1);
}

TEST_CASE("lists, choices, dates and functions", "[expr]") {
    CHECK(is_true(eval("\"home\" in l")));
    CHECK(is_false(eval("\"satellite\" in l")));
    CHECK(is_true(eval("\"satellite\" not in l")));
    CHECK(is_true(eval("s in [\"formal\", \"trial\"]")));
    CHECK(is_true(eval("count(l) == 2")));
    CHECK(is_true(eval("days_since(d) == 273")));
    CHECK(is_true(eval("d < date(\"2025-06-01\")")));
    CHECK(is_true(eval("twice(i) == 8")));
    CHECK(is_true(eval("min(i, 2, 3) == 2 and max(i, 2.5) == 4")));
    CHECK(Expression::compile("twice(i) > staff_total or b", scope).names() ==
          std::vector<std::string>{"i", "staff_total", "b"});
}

TEST_CASE("dates convert to day numbers and back", "[expr][dates]") {
    for (const Date d : {Date{1970, 1, 1}, Date{2000, 2, 29}, Date{2024, 12, 31}, Date{1600, 3, 1}, Date{2100, 2, 28}})
        CHECK(Date::from_serial(d.serial()) == d);
    CHECK(Date{1970, 1, 1}.serial() == 0);
    CHECK(Date::from_serial(Date{2024, 2, 28}.serial() + 1) == Date{2024, 2, 29});
    CHECK(Date::from_serial(Date{2023, 2, 28}.serial() + 1) == Date{2023, 3, 1});
}

TEST_CASE("syntax errors carry their offset", "[expr][errors]") {
    expect_error("", 0, "empty");
    expect_error("i >", 3, "expected a value, found end of expression");
    expect_error("i 1", 2, "expected end of expression, found number");
    expect_error("i = 1", 2, "use '=='");
    expect_error("b & b", 2, "use 'and'");
    expect_error("s == 'x'", 5, "double quotes");
    expect_error("s == \"abc", 5, "unterminated string");
    expect_error("(i > 1", 6, "expected ')'");
    expect_error("1 < 2 < 3", 6, "cannot be chained");
    expect_error("i > 1 ＃", 6, "unexpected character '＃'");
    expect_error("12abc > 1", 2, "unexpected letter after a number");
}

TEST_CASE("test() gives the truth of a condition without building a value", "[expr]") {
    MapEnv env;
    for (const char* src : {"b", "not b", "u", "u and false", "u or true", "any(u, false)", "all(b, b, u)",
                            "any(false, false, b)", "all(true, b, i > 3, s == \"formal\")", "s != \"formal\" or u",
                            "\"home\" in l and \"satellite\" not in l", "count(l) >= 2 and known(d)"}) {
        INFO(src);
        const Expression e = Expression::compile(src, scope);
        const Value v = e.evaluate(env);
        CHECK(e.test(env) == (is_true(v) ? 1 : is_false(v) ? 0 : -1));
    }
    CHECK(Expression::compile("all(b, b, u)", scope).test(env) == -1);
    CHECK(Expression::compile("any(false, u, b)", scope).test(env) == 1);
    CHECK(Expression::compile("all(true, b, i > 3, s == \"formal\")", scope).test(env) == 1);
    CHECK(Expression::compile("all(true, b, i > 4, u)", scope).test(env) == 0);  // decided before the unknown
}

TEST_CASE("a condition set gives each condition's own truth, whatever precedes it", "[expr]") {
    MapEnv env;
    const std::vector<std::string> sources = {
        "b and u", "s == \"formal\" or u", "any(u, false, b)", "all(b, i > 3, not u)", "not b or twice(i) == 8",
        "\"home\" in l and count(l) == 2", "u", "days_since(d) > 100 and (n < 0.5 or u)", "min(i, 2, 3) == 2",
        "s in [\"trial\"] or (b and i >= 4 and known(d))", "twice(i) > staff_total or b"};
    ConditionSet set;
    std::vector<Expression> exprs;
    for (const auto& src : sources) {
        exprs.push_back(Expression::compile(src, scope));
        set.add(exprs.back());
    }
    REQUIRE(set.size() == sources.size());
    std::vector<signed char> truths(set.size(), 9);
    set.test(env, truths.data());
    for (std::size_t k = 0; k < sources.size(); ++k) {
        INFO(sources[k]);
        CHECK(truths[k] == exprs[k].test(env));
    }
    CHECK(truths[0] == -1);
    CHECK(truths[2] == 1);
    CHECK_THROWS_AS(set.add(Expression::compile("i + 1", scope)), std::invalid_argument);
}

TEST_CASE("operands deeper than the evaluation stack's fixed part still evaluate", "[expr]") {
    // Right-nested sums keep every left operand on the stack: 50 entries.
    std::string src;
    for (int k = 0; k < 50; ++k) src += "1 + (";
    src += "0";
    src += std::string(50, ')');
    CHECK(is_true(eval(src + " == 50")));
    CHECK_FALSE(is_known(eval(src + " + ui == 50")));
}

TEST_CASE("deep nesting is refused, not a stack overflow", "[expr][errors]") {
    CHECK(is_true(eval(std::string(60, '(') + "b" + std::string(60, ')'))));
    expect_error(std::string(100000, '(') + "b" + std::string(100000, ')'), 64, "nested too deeply");
    expect_error(std::string(100000, '-') + "1 > 0", 63, "nested too deeply");
    std::string nots;
    for (int k = 0; k < 100000; ++k) nots += "not ";
    expect_error(nots + "b", 4 * 63, "nested too deeply");
}

TEST_CASE("name and type errors carry their offset and a hint", "[expr][errors]") {
    expect_error("staf_total > 1", 0, "unknown name 'staf_total' (did you mean 'staff_total'?)");
    expect_error("twise(i) > 1", 0, "unknown function 'twise' (did you mean 'twice'?)");
    expect_error("b + 1", 0, "operator '+' expects a number, got bool");
    expect_error("i and b", 0, "operator 'and' expects bool, got integer");
    expect_error("s == 1", 2, "cannot compare string with integer");
    expect_error("s < \"a\"", 2, "compares numbers or dates");
    expect_error("s == \"formel\"", 5, "\"formel\" is not a choice of s (did you mean 'formal'?)");
    expect_error("\"hom\" in l", 0, "\"hom\" is not a choice of l (did you mean 'home'?)");
    expect_error("i in l", 0, "operator 'in' expects string");
    expect_error("count(i) > 1", 6, "function count expects a list, got integer");
    expect_error("twice(i, 2) > 1", 0, "takes 1 argument(s), got 2");
    expect_error("twice(n) > 1", 6, "function twice expects integer, got number");
    expect_error("d > date(\"2024-02-30\")", 9, "not a valid YYYY-MM-DD date");
    expect_error("known(1)", 6, "known() takes a question or fact name");
}
