// Lexer, recursive-descent parser and type checker of the condition language.
// Types are checked while the tree is built, so every error carries the offset of its token.
#include "expr_program.hpp"

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/expr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace dxassess::engine {
namespace {

const char* type_ja(Type t) {
    switch (t) {
        case Type::boolean: return "真偽値";
        case Type::integer: return "整数";
        case Type::number: return "数値";
        case Type::string: return "文字列";
        case Type::date: return "日付";
        case Type::list: return "リスト";
        case Type::unknown: break;
    }
    return "不明";
}

[[noreturn]] void fail(std::size_t at, std::string ja, std::string en) {
    throw ExprError(at, Text{std::move(ja), std::move(en)});
}

enum class Tok {
    end, number, string, ident, lparen, rparen, lbracket, rbracket, comma,
    plus, minus, star, slash, eq, ne, lt, le, gt, ge, kw_and, kw_or, kw_not, kw_in, kw_true, kw_false
};

struct Token {
    Tok kind = Tok::end;
    std::size_t offset = 0;
    std::string text;   // identifier, decoded string, or number spelling
    Value number;       // int64 or double for Tok::number
};

const char* tok_name(Tok t) {
    switch (t) {
        case Tok::end: return "end of expression";
        case Tok::number: return "number";
        case Tok::string: return "string";
        case Tok::ident: return "name";
        case Tok::lparen: return "'('";
        case Tok::rparen: return "')'";
        case Tok::lbracket: return "'['";
        case Tok::rbracket: return "']'";
        case Tok::comma: return "','";
        default: return "operator";
    }
}

const char* tok_name_ja(Tok t) {
    switch (t) {
        case Tok::end: return "式の終わり";
        case Tok::number: return "数値";
        case Tok::string: return "文字列";
        case Tok::ident: return "名前";
        case Tok::lparen: return "'('";
        case Tok::rparen: return "')'";
        case Tok::lbracket: return "'['";
        case Tok::rbracket: return "']'";
        case Tok::comma: return "','";
        default: return "演算子";
    }
}

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9') || c == '.'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
public:
    explicit Lexer(const std::string& s) : s_(s) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_space();
            Token t;
            t.offset = pos_;
            if (pos_ >= s_.size()) {
                out.push_back(t);
                return out;
            }
            const char c = s_[pos_];
            if (digit(c)) {
                lex_number(t);
            } else if (c == '"') {
                lex_string(t);
            } else if (ident_start(c)) {
                std::size_t b = pos_;
                while (pos_ < s_.size() && ident_char(s_[pos_])) ++pos_;
                t.text = s_.substr(b, pos_ - b);
                if (t.text.back() == '.') fail(pos_ - 1, "名前の末尾に '.' があります", "a name cannot end with '.'");
                t.kind = keyword(t.text);
            } else {
                lex_punct(t);
            }
            out.push_back(std::move(t));
        }
    }

private:
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }

    static Tok keyword(const std::string& w) {
        if (w == "and") return Tok::kw_and;
        if (w == "or") return Tok::kw_or;
        if (w == "not") return Tok::kw_not;
        if (w == "in") return Tok::kw_in;
        if (w == "true") return Tok::kw_true;
        if (w == "false") return Tok::kw_false;
        return Tok::ident;
    }

    void lex_number(Token& t) {
        const std::size_t b = pos_;
        while (pos_ < s_.size() && digit(s_[pos_])) ++pos_;
        bool is_float = false;
        if (pos_ + 1 < s_.size() && s_[pos_] == '.' && digit(s_[pos_ + 1])) {
            is_float = true;
            ++pos_;
            while (pos_ < s_.size() && digit(s_[pos_])) ++pos_;
        }
        t.kind = Tok::number;
        t.text = s_.substr(b, pos_ - b);
        const bool percent = pos_ < s_.size() && s_[pos_] == '%';
        if (percent) ++pos_;
        if (pos_ < s_.size() && ident_start(s_[pos_]))
            fail(pos_, "数値の直後に文字があります", "unexpected letter after a number");
        if (is_float || percent) {
            double d = 0;
            std::from_chars(t.text.data(), t.text.data() + t.text.size(), d);
            t.number = percent ? d / 100.0 : d;
        } else {
            std::int64_t i = 0;
            auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), i);
            if (r.ec != std::errc{}) fail(b, "整数が大きすぎます: " + t.text, "integer out of range: " + t.text);
            t.number = i;
        }
    }

    void lex_string(Token& t) {
        const std::size_t b = pos_++;
        t.kind = Tok::string;
        while (pos_ < s_.size() && s_[pos_] != '"') {
            if (s_[pos_] == '\\') {
                if (pos_ + 1 >= s_.size()) break;
                const char e = s_[pos_ + 1];
                if (e != '"' && e != '\\')
                    fail(pos_, "文字列内で使えるエスケープは \\\" と \\\\ だけです", "only \\\" and \\\\ escapes are allowed in strings");
                t.text += e;
                pos_ += 2;
            } else {
                t.text += s_[pos_++];
            }
        }
        if (pos_ >= s_.size()) fail(b, "文字列が閉じられていません（\" が必要です）", "unterminated string (missing closing \")");
        ++pos_;
    }

    void lex_punct(Token& t) {
        const char c = s_[pos_];
        const char n = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
        auto one = [&](Tok k) { t.kind = k; pos_ += 1; };
        auto two = [&](Tok k) { t.kind = k; pos_ += 2; };
        switch (c) {
            case '(': return one(Tok::lparen);
            case ')': return one(Tok::rparen);
            case '[': return one(Tok::lbracket);
            case ']': return one(Tok::rbracket);
            case ',': return one(Tok::comma);
            case '+': return one(Tok::plus);
            case '-': return one(Tok::minus);
            case '*': return one(Tok::star);
            case '/': return one(Tok::slash);
            case '<': return n == '=' ? two(Tok::le) : one(Tok::lt);
            case '>': return n == '=' ? two(Tok::ge) : one(Tok::gt);
            case '=':
                if (n == '=') return two(Tok::eq);
                fail(pos_, "比較には '==' を使います（'=' は使えません）", "use '==' to compare ('=' is not an operator)");
            case '!':
                if (n == '=') return two(Tok::ne);
                fail(pos_, "否定には 'not' を使います", "use 'not' for negation ('!' is not an operator)");
            case '&':
                fail(pos_, "論理積には 'and' を使います", "use 'and' instead of '&'");
            case '|':
                fail(pos_, "論理和には 'or' を使います", "use 'or' instead of '|'");
            case '\'':
                fail(pos_, "文字列は二重引用符 \"...\" で囲みます", "strings are written in double quotes \"...\"");
            default: break;
        }
        // Show the whole UTF-8 character, not a lone byte.
        std::size_t len = 1;
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0xF0) len = 4; else if (u >= 0xE0) len = 3; else if (u >= 0xC0) len = 2;
        const std::string ch = s_.substr(pos_, len);
        fail(pos_, "予期しない文字 '" + ch + "'", "unexpected character '" + ch + "'");
    }

    const std::string& s_;
    std::size_t pos_ = 0;
};

bool numeric(Type t) { return t == Type::integer || t == Type::number; }

const std::vector<std::pair<std::string, Builtin>>& builtin_table() {
    static const std::vector<std::pair<std::string, Builtin>> t = {
        {"count", Builtin::count}, {"any", Builtin::any},   {"all", Builtin::all},
        {"min", Builtin::min},     {"max", Builtin::max},   {"days_since", Builtin::days_since},
        {"known", Builtin::known}, {"date", Builtin::date},
    };
    return t;
}

using NodePtr = std::unique_ptr<Node>;

/// Deepest nesting of parentheses, calls and unary operators: keeps parsing and evaluation
/// (both recursive) far from the stack limit whatever the input.
constexpr int max_depth = 64;
/// Most nodes in one expression. A chain such as `a and b and ...` nests one level per operator
/// in the tree, which lowering and freeing walk recursively; this bounds that depth too.
constexpr std::size_t max_nodes = 2000;

class Parser {
public:
    Parser(std::vector<Token> toks, const Scope& scope, std::vector<std::string>& names, std::vector<int>& slots)
        : toks_(std::move(toks)), scope_(scope), names_(names), slots_(slots) {}

    NodePtr parse() {
        if (peek().kind == Tok::end) fail(0, "条件式が空です", "the expression is empty");
        NodePtr n = parse_or();
        if (peek().kind != Tok::end) {
            const Token& t = peek();
            fail(t.offset, std::string("式の終わりが必要ですが ") + tok_name_ja(t.kind) + " があります（演算子の抜けですか？）",
                 std::string("expected end of expression, found ") + tok_name(t.kind) + " (missing operator?)");
        }
        return n;
    }

private:
    const Token& peek() const { return toks_[i_]; }
    Token next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
    bool accept(Tok k) {
        if (peek().kind != k) return false;
        ++i_;
        return true;
    }
    void expect(Tok k, const char* what_ja, const char* what_en) {
        if (accept(k)) return;
        const Token& t = peek();
        fail(t.offset, std::string(what_ja) + " が必要ですが " + tok_name_ja(t.kind) + " があります",
             std::string("expected ") + what_en + ", found " + tok_name(t.kind));
    }

    NodePtr make(Op op, Type type, std::size_t at) {
        if (++nodes_ > max_nodes)
            fail(at, "式が長すぎます（値・名前・演算子の数の上限 " + std::to_string(max_nodes) + "）。条件を分けるか、事実（facts）にまとめてください",
                 "expression too long (limit " + std::to_string(max_nodes) + " values, names and operators); split it or move parts into facts");
        auto n = std::make_unique<Node>();
        n->op = op;
        n->type = type;
        n->offset = at;
        return n;
    }

    static void require(const Node& n, Type want, const char* op) {
        if (n.type == want) return;
        fail(n.offset, std::string("演算子 ") + op + " には" + type_ja(want) + "が必要ですが、" + type_ja(n.type) + "です",
             std::string("operator ") + op + " expects " + type_name(want) + ", got " + type_name(n.type));
    }
    static void require_numeric(const Node& n, const char* op) {
        if (numeric(n.type)) return;
        fail(n.offset, std::string("演算子 ") + op + " には数値が必要ですが、" + type_ja(n.type) + "です",
             std::string("operator ") + op + " expects a number, got " + type_name(n.type));
    }

    NodePtr binary(Op op, Type type, NodePtr l, NodePtr r) {
        auto n = make(op, type, l->offset);
        n->kids.push_back(std::move(l));
        n->kids.push_back(std::move(r));
        return n;
    }

    /// Counts one level of nesting for as long as it lives.
    struct Nesting {
        Nesting(Parser& p, std::size_t at) : p_(p) {
            if (++p_.depth_ > max_depth)
                fail(at, "式の入れ子が深すぎます（上限 " + std::to_string(max_depth) + "）",
                     "expression nested too deeply (limit " + std::to_string(max_depth) + ")");
        }
        ~Nesting() { --p_.depth_; }
        Parser& p_;
    };

    NodePtr parse_or() {
        const Nesting nesting(*this, peek().offset);
        NodePtr l = parse_and();
        while (accept(Tok::kw_or)) {
            NodePtr r = parse_and();
            require(*l, Type::boolean, "'or'");
            require(*r, Type::boolean, "'or'");
            l = binary(Op::logical_or, Type::boolean, std::move(l), std::move(r));
        }
        return l;
    }

    NodePtr parse_and() {
        NodePtr l = parse_not();
        while (accept(Tok::kw_and)) {
            NodePtr r = parse_not();
            require(*l, Type::boolean, "'and'");
            require(*r, Type::boolean, "'and'");
            l = binary(Op::logical_and, Type::boolean, std::move(l), std::move(r));
        }
        return l;
    }

    NodePtr parse_not() {
        if (peek().kind == Tok::kw_not) {
            const std::size_t at = next().offset;
            const Nesting nesting(*this, at);
            NodePtr operand = parse_not();
            require(*operand, Type::boolean, "'not'");
            auto n = make(Op::logical_not, Type::boolean, at);
            n->kids.push_back(std::move(operand));
            return n;
        }
        return parse_comparison();
    }

    NodePtr parse_comparison() {
        NodePtr l = parse_additive();
        const Tok k = peek().kind;
        const std::size_t op_at = peek().offset;
        Op op;
        const char* spelling;
        switch (k) {
            case Tok::eq: op = Op::eq; spelling = "'=='"; break;
            case Tok::ne: op = Op::ne; spelling = "'!='"; break;
            case Tok::lt: op = Op::lt; spelling = "'<'"; break;
            case Tok::le: op = Op::le; spelling = "'<='"; break;
            case Tok::gt: op = Op::gt; spelling = "'>'"; break;
            case Tok::ge: op = Op::ge; spelling = "'>='"; break;
            case Tok::kw_in: op = Op::in; spelling = "'in'"; break;
            case Tok::kw_not:
                if (toks_[i_ + 1].kind != Tok::kw_in) return l;
                ++i_;
                op = Op::not_in;
                spelling = "'not in'";
                break;
            default: return l;
        }
        ++i_;
        NodePtr r = parse_additive();
        if (op == Op::in || op == Op::not_in) {
            require(*l, Type::string, spelling);
            if (r->type != Type::list)
                fail(r->offset, std::string("演算子 ") + spelling + " の右辺にはリストが必要ですが、" + type_ja(r->type) + "です",
                     std::string("operator ") + spelling + " expects a list on its right, got " + type_name(r->type));
            check_choices(*r, *l);
            for (const auto& element : r->kids) check_choices(*l, *element);
        } else if (op == Op::eq || op == Op::ne) {
            const bool ok = (numeric(l->type) && numeric(r->type)) ||
                            (l->type == r->type && l->type != Type::list);
            if (!ok)
                fail(op_at, std::string(type_ja(l->type)) + "と" + type_ja(r->type) + "は比較できません",
                     std::string("cannot compare ") + type_name(l->type) + " with " + type_name(r->type));
            check_choices(*l, *r);
            check_choices(*r, *l);
        } else {
            const bool ok = (numeric(l->type) && numeric(r->type)) ||
                            (l->type == Type::date && r->type == Type::date);
            if (!ok)
                fail(op_at, std::string("演算子 ") + spelling + " は数値どうし・日付どうしにしか使えません（" + type_ja(l->type) + "と" + type_ja(r->type) + "）",
                     std::string("operator ") + spelling + " compares numbers or dates, not " + type_name(l->type) + " with " + type_name(r->type));
        }
        if (peek().kind == Tok::eq || peek().kind == Tok::ne || peek().kind == Tok::lt || peek().kind == Tok::le ||
            peek().kind == Tok::gt || peek().kind == Tok::ge)
            fail(peek().offset, "比較は連結できません。'and' でつないでください", "comparisons cannot be chained; join them with 'and'");
        return binary(op, Type::boolean, std::move(l), std::move(r));
    }

    /// A string literal compared with a choice question must be one of its choices.
    void check_choices(const Node& named, const Node& literal) {
        if (named.op != Op::name || literal.op != Op::literal || literal.type != Type::string) return;
        const auto it = scope_.names.find(named.name);
        if (it == scope_.names.end() || it->second.choices.empty()) return;
        const auto& choices = it->second.choices;
        const auto& value = std::get<std::string>(literal.literal);
        if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
        const Text hint = did_you_mean(value, choices);
        fail(literal.offset,
             "\"" + value + "\" は " + named.name + " の選択肢にありません" + hint.ja + "。選択肢: " + list,
             "\"" + value + "\" is not a choice of " + named.name + hint.en + "; choices: " + list);
    }

    NodePtr parse_additive() {
        NodePtr l = parse_multiplicative();
        for (;;) {
            Op op;
            if (peek().kind == Tok::plus) op = Op::add;
            else if (peek().kind == Tok::minus) op = Op::sub;
            else return l;
            const char* spelling = op == Op::add ? "'+'" : "'-'";
            ++i_;
            NodePtr r = parse_multiplicative();
            require_numeric(*l, spelling);
            require_numeric(*r, spelling);
            const Type t = l->type == Type::integer && r->type == Type::integer ? Type::integer : Type::number;
            l = binary(op, t, std::move(l), std::move(r));
        }
    }

    NodePtr parse_multiplicative() {
        NodePtr l = parse_unary();
        for (;;) {
            Op op;
            if (peek().kind == Tok::star) op = Op::mul;
            else if (peek().kind == Tok::slash) op = Op::div;
            else return l;
            const char* spelling = op == Op::mul ? "'*'" : "'/'";
            ++i_;
            NodePtr r = parse_unary();
            require_numeric(*l, spelling);
            require_numeric(*r, spelling);
            const Type t = op == Op::mul && l->type == Type::integer && r->type == Type::integer ? Type::integer : Type::number;
            l = binary(op, t, std::move(l), std::move(r));
        }
    }

    NodePtr parse_unary() {
        if (peek().kind == Tok::minus) {
            const std::size_t at = next().offset;
            const Nesting nesting(*this, at);
            NodePtr operand = parse_unary();
            require_numeric(*operand, "'-'");
            auto n = make(Op::negate, operand->type, at);
            n->kids.push_back(std::move(operand));
            return n;
        }
        return parse_primary();
    }

    NodePtr parse_primary() {
        Token t = next();
        switch (t.kind) {
            case Tok::number: {
                auto n = make(Op::literal, std::holds_alternative<double>(t.number) ? Type::number : Type::integer, t.offset);
                n->literal = t.number;
                return n;
            }
            case Tok::string: {
                auto n = make(Op::literal, Type::string, t.offset);
                n->literal = t.text;
                return n;
            }
            case Tok::kw_true:
            case Tok::kw_false: {
                auto n = make(Op::literal, Type::boolean, t.offset);
                n->literal = t.kind == Tok::kw_true;
                return n;
            }
            case Tok::lparen: {
                NodePtr inner = parse_or();
                expect(Tok::rparen, "')'", "')'");
                return inner;
            }
            case Tok::lbracket: return parse_list(t.offset);
            case Tok::ident:
                if (peek().kind == Tok::lparen) return parse_call(t);
                return resolve_name(t);
            default:
                fail(t.offset, std::string("値が必要ですが ") + tok_name_ja(t.kind) + " があります",
                     std::string("expected a value, found ") + tok_name(t.kind));
        }
    }

    NodePtr parse_list(std::size_t at) {
        auto n = make(Op::list, Type::list, at);
        if (!accept(Tok::rbracket)) {
            do {
                NodePtr e = parse_or();
                if (e->op != Op::literal || e->type != Type::string)
                    fail(e->offset, "リストの要素は文字列リテラルだけです", "list elements must be string literals");
                n->kids.push_back(std::move(e));
            } while (accept(Tok::comma));
            expect(Tok::rbracket, "']'", "']'");
        }
        StringList values;  // built once here, not at every evaluation
        for (const auto& e : n->kids) values.push_back(std::get<std::string>(e->literal));
        n->literal = std::move(values);
        return n;
    }

    std::vector<std::string> known_names() const {
        std::vector<std::string> all;
        for (const auto& [k, v] : scope_.names) all.push_back(k);
        for (const auto& [k, v] : scope_.constants) all.push_back(k);
        return all;
    }

    NodePtr resolve_name(const Token& t) {
        if (const auto c = scope_.constants.find(t.text); c != scope_.constants.end()) {
            auto n = make(Op::literal, type_of(c->second), t.offset);  // a reference figure: fixed at load
            n->literal = c->second;
            return n;
        }
        if (t.text.starts_with("ref.")) {
            const Text hint = did_you_mean(t.text, known_names());
            fail(t.offset, "不明な参照値 '" + t.text + "'" + hint.ja + "（rules/reference.toml の [[figures]] にある id を ref.<id> で書きます）",
                 "unknown reference figure '" + t.text + "'" + hint.en + " (write ref.<id> with an id from the [[figures]] of rules/reference.toml)");
        }
        const auto it = scope_.names.find(t.text);
        if (it == scope_.names.end()) {
            const Text hint = did_you_mean(t.text, known_names());
            fail(t.offset, "不明な名前 '" + t.text + "'" + hint.ja, "unknown name '" + t.text + "'" + hint.en);
        }
        if (it->second.table)
            fail(t.offset, "'" + t.text + "' は表形式の質問なので条件式では使えません。プラグインが導出する事実を使ってください",
                 "'" + t.text + "' is a table question; conditions use the facts the plugin derives from it");
        auto n = make(Op::name, it->second.type, t.offset);
        n->name = t.text;
        n->slot = it->second.slot;
        if (std::find(names_.begin(), names_.end(), t.text) == names_.end()) {
            names_.push_back(t.text);
            slots_.push_back(it->second.slot);
        }
        return n;
    }

    std::vector<NodePtr> parse_args() {
        std::vector<NodePtr> args;
        expect(Tok::lparen, "'('", "'('");
        if (!accept(Tok::rparen)) {
            do args.push_back(parse_or());
            while (accept(Tok::comma));
            expect(Tok::rparen, "')' か ','", "')' or ','");
        }
        return args;
    }

    static void arity(const Token& fn, const std::vector<NodePtr>& args, std::size_t lo, std::size_t hi) {
        if (args.size() >= lo && args.size() <= hi) return;
        const std::string want = lo == hi ? std::to_string(lo) : std::to_string(lo) + (hi == SIZE_MAX ? "+" : "-" + std::to_string(hi));
        fail(fn.offset, "関数 " + fn.text + " の引数は " + want + " 個ですが、" + std::to_string(args.size()) + " 個あります",
             "function " + fn.text + " takes " + want + " argument(s), got " + std::to_string(args.size()));
    }

    static void arg_type(const Token& fn, const Node& arg, bool ok, const char* want_ja, const char* want_en) {
        if (ok) return;
        fail(arg.offset, "関数 " + fn.text + " の引数には" + want_ja + "が必要ですが、" + type_ja(arg.type) + "です",
             "function " + fn.text + " expects " + want_en + ", got " + type_name(arg.type));
    }

    NodePtr parse_call(const Token& fn) {
        std::vector<NodePtr> args = parse_args();
        const auto& table = builtin_table();
        const auto b = std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.first == fn.text; });
        if (b != table.end()) return check_builtin(fn, b->second, std::move(args));

        const auto it = scope_.functions.find(fn.text);
        if (it == scope_.functions.end()) {
            std::vector<std::string> all = builtin_functions();
            for (const auto& [k, v] : scope_.functions) all.push_back(k);
            const Text hint = did_you_mean(fn.text, all);
            fail(fn.offset, "不明な関数 '" + fn.text + "'" + hint.ja, "unknown function '" + fn.text + "'" + hint.en);
        }
        const FunctionInfo& info = it->second;
        arity(fn, args, info.params.size(), info.params.size());
        if (args.size() > 32)
            fail(fn.offset, "関数 '" + fn.text + "' の引数が多すぎます（上限 32）", "too many arguments to '" + fn.text + "' (limit 32)");
        std::uint32_t widen = 0;
        for (std::size_t k = 0; k < args.size(); ++k) {
            const Type want = info.params[k];
            const bool widened = want == Type::number && args[k]->type == Type::integer;
            arg_type(fn, *args[k], args[k]->type == want || widened, type_ja(want), type_name(want));
            if (widened) widen |= 1u << k;  // the function is called with the type it declared
        }
        auto n = make(Op::plugin_call, info.result, fn.offset);
        n->widen = widen;
        n->name = fn.text;
        n->kids = std::move(args);
        return n;
    }

    NodePtr check_builtin(const Token& fn, Builtin b, std::vector<NodePtr> args) {
        Type result = Type::boolean;
        switch (b) {
            case Builtin::count:
                arity(fn, args, 1, 1);
                arg_type(fn, *args[0], args[0]->type == Type::list, "リスト", "a list");
                result = Type::integer;
                break;
            case Builtin::any:
            case Builtin::all:
                arity(fn, args, 1, SIZE_MAX);
                for (const auto& a : args) arg_type(fn, *a, a->type == Type::boolean, "真偽値", "bool");
                break;
            case Builtin::min:
            case Builtin::max:
                arity(fn, args, 1, SIZE_MAX);
                result = Type::integer;
                for (const auto& a : args) {
                    arg_type(fn, *a, numeric(a->type), "数値", "a number");
                    if (a->type == Type::number) result = Type::number;
                }
                break;
            case Builtin::days_since:
                arity(fn, args, 1, 1);
                arg_type(fn, *args[0], args[0]->type == Type::date, "日付", "a date");
                result = Type::integer;
                break;
            case Builtin::known:
                arity(fn, args, 1, 1);
                if (args[0]->op != Op::name)
                    fail(args[0]->offset, "known() の引数は質問または事実の名前です", "known() takes a question or fact name");
                break;
            case Builtin::date: {
                arity(fn, args, 1, 1);
                const Node& a = *args[0];
                if (a.op != Op::literal || a.type != Type::string)
                    fail(a.offset, "date() の引数は \"YYYY-MM-DD\" 形式の文字列リテラルです", "date() takes a string literal \"YYYY-MM-DD\"");
                const Date d = Date::parse(std::get<std::string>(a.literal));
                if (!d.valid())
                    fail(a.offset, "日付 \"" + std::get<std::string>(a.literal) + "\" は YYYY-MM-DD 形式の実在する日付ではありません",
                         "\"" + std::get<std::string>(a.literal) + "\" is not a valid YYYY-MM-DD date");
                auto n = make(Op::literal, Type::date, fn.offset);  // folded: a date literal
                n->literal = d;
                return n;
            }
        }
        auto n = make(Op::builtin, result, fn.offset);
        n->builtin = b;
        n->kids = std::move(args);
        return n;
    }

    std::vector<Token> toks_;
    std::size_t i_ = 0;
    int depth_ = 0;
    std::size_t nodes_ = 0;
    const Scope& scope_;
    std::vector<std::string>& names_;
    std::vector<int>& slots_;
};

}  // namespace

const std::vector<std::string>& builtin_functions() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& e : builtin_table()) v.push_back(e.first);
        return v;
    }();
    return names;
}

Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

Expression Expression::compile(const std::string& source, const Scope& scope) {
    Expression e;
    e.source_ = source;
    Parser p(Lexer(source).run(), scope, e.names_, e.slots_);
    std::unique_ptr<Node> tree = p.parse();
    e.program_ = std::make_unique<Program>(lower(*tree));
    e.program_->tree = std::move(tree);
    return e;
}

const Program& program_of(const Expression& e) { return *e.program_; }

Type Expression::type() const noexcept { return program_ ? program_->type : Type::unknown; }

}  // namespace dxassess::engine
