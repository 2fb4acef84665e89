// Loads a rule set from TOML and checks everything a rule author can get wrong, collecting
// every problem (not just the first) with its file:line:column.
#include "dxassess/engine/rule_set.hpp"

#include "toml_support.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <set>
#include <cctype>

namespace dxassess::engine {
namespace {

const std::vector<std::pair<std::string, QuestionType>>& question_types() {
    static const std::vector<std::pair<std::string, QuestionType>> t = {
        {"bool", QuestionType::boolean}, {"integer", QuestionType::integer},
        {"number", QuestionType::number}, {"ratio", QuestionType::ratio},
        {"choice", QuestionType::choice}, {"multi-choice", QuestionType::multi_choice},
        {"date", QuestionType::date}, {"table", QuestionType::table},
    };
    return t;
}

const std::vector<std::pair<std::string, Severity>>& severities() {
    static const std::vector<std::pair<std::string, Severity>> t = {
        {"high", Severity::high}, {"medium", Severity::medium}, {"low", Severity::low}, {"info", Severity::info}};
    return t;
}

template <class E>
std::vector<std::string> keys_of(const std::vector<std::pair<std::string, E>>& table) {
    std::vector<std::string> out;
    for (const auto& e : table) out.push_back(e.first);
    return out;
}

/// Reads a string naming one entry of `table`; an unknown name is an error listing the valid ones.
template <class E>
std::optional<E> read_enum(FieldReader& r, const char* key, const std::vector<std::pair<std::string, E>>& table,
                           const std::string& what_ja, const std::string& what_en) {
    const auto name = r.string(key, true);
    if (!name) return std::nullopt;
    for (const auto& [n, e] : table)
        if (n == *name) return e;
    std::string all;
    for (const auto& entry : table) all += (all.empty() ? "" : ", ") + entry.first;
    const Text hint = did_you_mean(*name, keys_of(table));
    r.error_at(key, {"不明な" + what_ja + " '" + *name + "'" + hint.ja + "。使える値: " + all,
                     "unknown " + what_en + " '" + *name + "'" + hint.en + "; use one of " + all});
    return std::nullopt;
}

class RuleSetLoader {
public:
    RuleSetLoader(const std::string& text, const std::string& path, const PluginSymbols& symbols,
                  const ReferenceData* reference)
        : text_(text), path_(path), symbols_(symbols), reference_(reference) {}

    RuleSet load(const std::string& expected_area) {
        const toml::table root = parse_toml(text_, path_);
        rules_.path = path_;
        FieldReader top(root, path_, "ルールファイル", "rule file", errors_);
        if (const toml::table* area = top.table("area", true)) read_area(*area, expected_area);
        if (const toml::array* qs = top.array("questions", true)) read_questions(*qs);
        build_scope();
        compile_ask_ifs();
        if (const toml::array* ls = top.array("levels", true)) read_levels(*ls, top);
        if (const toml::array* cs = top.array("checks")) read_checks(*cs);
        if (const toml::table* d = top.table("display")) read_display(*d);
        top.reject_unknown_keys();
        if (!errors_.empty()) throw InputError(std::move(errors_));
        for (const auto& level : rules_.levels)
            for (const auto& c : level.criteria) rules_.conditions.add(c.when);
        for (const auto& c : rules_.checks) rules_.conditions.add(c.when);
        for (std::size_t q = 0; q < rules_.questions.size(); ++q)
            if (rules_.questions[q].ask_if) {
                rules_.skip_conditions.add(*rules_.questions[q].ask_if);
                rules_.skip_questions.push_back(q);
            }
        return std::move(rules_);
    }

private:
    void error(const toml::node& at, std::string ja, std::string en) {
        errors_.push_back(Diagnostic{location_of(path_, at), Text{std::move(ja), std::move(en)}});
    }

    /// A ja/en pair, with {ref.<id>} replaced by the reference figure (see reference.hpp).
    Text read_text(FieldReader& r, const char* ja_key, const char* en_key, bool required) {
        Text t;
        t.ja = expand(r, ja_key, r.string(ja_key, required).value_or(""));
        t.en = expand(r, en_key, r.string(en_key, required).value_or(""));
        return t;
    }

    std::string expand(FieldReader& r, const char* key, const std::string& text) {
        if (text.find("{ref.") == std::string::npos) return text;
        std::vector<Text> problems;
        std::string out = expand_references(text, reference_, problems);
        for (auto& p : problems) r.error_at(key, std::move(p));
        note_references(text);
        return out;
    }

    /// Records the reference figures a text or condition names, for the report's appendix.
    void note_references(const std::string& text) {
        if (!reference_) return;
        for (std::size_t pos = text.find("ref."); pos != std::string::npos; pos = text.find("ref.", pos + 4)) {
            if (pos > 0 && (std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_' || text[pos - 1] == '.'))
                continue;  // part of another name
            std::size_t end = pos + 4;
            while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
            const std::string id = text.substr(pos + 4, end - pos - 4);
            if (reference_->find(id) && std::find(rules_.references.begin(), rules_.references.end(), id) == rules_.references.end())
                rules_.references.push_back(id);
        }
    }

    void read_area(const toml::table& t, const std::string& expected_area) {
        FieldReader r(t, path_, "[area]", "[area]", errors_);
        rules_.area = r.string("id", true).value_or("");
        if (!rules_.area.empty() && !is_identifier(rules_.area))
            r.error_at("id", {"領域 ID '" + rules_.area + "' は英小文字・数字・_ で書いてください",
                              "area id '" + rules_.area + "' must match [a-z_][a-z0-9_]*"});
        if (!expected_area.empty() && !rules_.area.empty() && rules_.area != expected_area)
            r.error_at("id", {"このルールファイルの領域は '" + rules_.area + "' ですが、'" + expected_area + "' が必要です",
                              "rule file is for area '" + rules_.area + "' but '" + expected_area + "' was expected"});
        rules_.version = r.string("version", true).value_or("");
        rules_.title = read_text(r, "title_ja", "title_en", true);
        rules_.source = r.string("source", true).value_or("");
        rules_.plugin = r.string("plugin").value_or("");
        rules_.plan.version = r.string("plan_version").value_or("");
        rules_.plan.date = r.date("plan_date").value_or(Date{});
        if (rules_.plan.version.empty() != !rules_.plan.date.valid())
            r.error_at(rules_.plan.version.empty() ? "plan_date" : "plan_version",
                       {"plan_version と plan_date は両方書きます（例: \"第2.3版\" と 2024-02-05）",
                        "write both plan_version and plan_date (e.g. \"第2.3版\" and 2024-02-05)"});
        r.reject_unknown_keys();
    }

    void read_questions(const toml::array& qs) {
        for_each_table(qs, path_, errors_, "[[questions]]", [&](const toml::table& t) { read_question(t); });
        if (rules_.questions.empty() && errors_.empty())
            error(qs, "質問が 1 つもありません", "the rule set declares no questions");
    }

    void read_question(const toml::table& t) { rules_.questions.push_back(parse_question(t, nullptr)); }

    /// A question, or a column of the table question `table`.
    Question parse_question(const toml::table& t, Question* table) {
        Question q;
        q.where = location_of(path_, t);
        const std::string name = t["id"].value_or(std::string("?"));
        const std::string label = table ? "質問 '" + table->id + "' の列 '" + name + "'" : "質問 '" + name + "'";
        const std::string label_en = table ? "question '" + table->id + "' column '" + name + "'" : "question '" + name + "'";
        FieldReader r(t, path_, label, label_en, errors_);
        q.id = r.string("id", true).value_or("");
        if (!q.id.empty() && !is_identifier(q.id))
            r.error_at("id", {label + ": ID は英小文字・数字・_ で書いてください（式の中で名前として使うため）",
                              label_en + ": the id must match [a-z_][a-z0-9_]* (it is a name in conditions)"});
        if (!q.id.empty() && (table ? table->find_column(q.id) != nullptr : rules_.find_question(q.id) != nullptr))
            r.error_at("id", {"ID '" + q.id + "' が重複しています", "duplicate " + std::string(table ? "column" : "question") + " id '" + q.id + "'"});
        if (table && is_row_annotation(q.id))
            r.error_at("id", {label + ": '" + q.id + "' は行の該当なし・備考に使う名前なので列 ID にできません",
                              label_en + ": '" + q.id + "' is reserved for a row's N/A and notes"});
        if (!table && symbols_.facts.count(q.id))
            r.error_at("id", {"質問 ID '" + q.id + "' はプラグインの派生事実と同じ名前です",
                              "question id '" + q.id + "' clashes with a fact of the plugin"});
        q.type = read_enum(r, "type", question_types(), "質問の型", "question type").value_or(QuestionType::boolean);
        if (table && q.type == QuestionType::table)
            r.error_at("type", {"表の列に表は入れられません", "a table column cannot itself be a table"});
        q.required = r.boolean("required").value_or(false);
        q.text = read_text(r, "ja", "en", true);
        q.help = read_text(r, "help_ja", "help_en", false);
        q.unit = r.string("unit").value_or("");
        if (table) q.key = r.boolean("key").value_or(false);
        q.min = r.number("min");
        q.max = r.number("max");
        const bool bounded = q.type == QuestionType::integer || q.type == QuestionType::number;
        if ((q.min || q.max) && !bounded)
            r.error_at(q.min ? "min" : "max", {"min / max は integer と number の質問にだけ指定できます（ratio は常に 0〜1）",
                                               "min / max apply to integer and number questions only (a ratio is always 0..1)"});
        if (q.min && q.max && *q.min > *q.max)
            r.error_at("min", {"min (" + std::to_string(*q.min) + ") が max (" + std::to_string(*q.max) + ") より大きいです",
                               "min (" + std::to_string(*q.min) + ") is greater than max (" + std::to_string(*q.max) + ")"});
        const toml::array* choices = r.array("choices");
        const bool wants_choices = q.type == QuestionType::choice || q.type == QuestionType::multi_choice;
        if (wants_choices && !choices)
            errors_.push_back(Diagnostic{q.where, {label + " は選択式なので choices が必要です",
                                                   label_en + ": a choice question needs 'choices'"}});
        if (choices && !wants_choices)
            r.error_at("choices", {"choices は choice / multi-choice の質問にだけ指定できます",
                                   "'choices' apply to choice and multi-choice questions only"});
        if (choices && wants_choices) read_choices(*choices, q, label, label_en);
        if (q.type == QuestionType::table && !table) read_columns(r, q, label, label_en);
        if (!table) {
            q.allow_na = r.boolean("allow_na").value_or(false);
            if (r.string("ask_if")) ask_if_nodes_.emplace_back(rules_.questions.size(), t.get("ask_if"));
        }
        r.reject_unknown_keys();
        return q;
    }

    void read_columns(FieldReader& r, Question& q, const std::string& label, const std::string& label_en) {
        if (auto lo = r.integer("min_rows")) q.min_rows = static_cast<int>(*lo);
        if (auto hi = r.integer("max_rows")) q.max_rows = static_cast<int>(*hi);
        if ((q.min_rows && *q.min_rows < 0) || (q.min_rows && q.max_rows && *q.min_rows > *q.max_rows))
            r.error_at("min_rows", {label + ": min_rows / max_rows が不正です", label_en + ": invalid min_rows / max_rows"});
        const toml::array* columns = r.array("columns", true);
        if (!columns) return;
        for_each_table(*columns, path_, errors_, label_en + " columns",
                       [&](const toml::table& t) { q.columns.push_back(parse_question(t, &q)); });
        if (q.columns.empty()) r.error_at("columns", {label + " の columns が空です", label_en + ": 'columns' is empty"});
    }

    void read_choices(const toml::array& arr, Question& q, const std::string& label, const std::string& label_en) {
        for_each_table(arr, path_, errors_, label_en + " choices", [&](const toml::table& t) {
            FieldReader r(t, path_, label + " の選択肢", label_en + " choice", errors_);
            Choice c;
            c.id = r.string("id", true).value_or("");
            c.label = read_text(r, "ja", "en", true);
            if (!c.id.empty() && q.find_choice(c.id))
                r.error_at("id", {"選択肢 '" + c.id + "' が重複しています", "duplicate choice '" + c.id + "'"});
            r.reject_unknown_keys();
            q.choices.push_back(std::move(c));
        });
        if (q.choices.empty()) error(arr, label + " の choices が空です", label_en + ": 'choices' is empty");
    }

    void build_scope() {
        for (const auto& [name, info] : symbols_.facts) scope_.names[name] = info;
        for (const auto& f : profile_fields()) scope_.names[f.name] = NameInfo{f.type, {}};
        for (const auto& g : peer_groups()) scope_.names["profile.peer_group"].choices.push_back(g.id);
        for (const auto& q : rules_.questions) {
            if (q.id.empty()) continue;
            scope_.names[q.id] = NameInfo{value_type(q.type), q.choice_ids(), q.type == QuestionType::table};
        }
        scope_.functions = symbols_.functions;
        if (reference_) scope_.constants = reference_->constants();
        // Every name gets a slot once, so evaluation does no lookups. Questions come first, slot =
        // question index, so an environment binds answers by walking both lists in order.
        rules_.slot_names.assign(rules_.questions.size(), "");
        for (std::size_t i = 0; i < rules_.questions.size(); ++i) {
            const auto it = scope_.names.find(rules_.questions[i].id);
            if (it == scope_.names.end() || it->second.slot >= 0) continue;  // no id, or a duplicate (an error)
            it->second.slot = static_cast<int>(i);
            rules_.slot_names[i] = it->first;
        }
        for (auto& [name, info] : scope_.names) {
            if (info.slot < 0) {
                info.slot = static_cast<int>(rules_.slot_names.size());
                rules_.slot_names.push_back(name);
            }
            rules_.slot_index[name] = info.slot;
            if (symbols_.facts.count(name)) rules_.fact_slots.emplace_back(name, info.slot);  // sorted: map order
        }
        for (std::size_t k = 0; k < profile_fields().size(); ++k) rules_.profile_slots[k] = rules_.slot_index.at(profile_fields()[k].name);
    }

    /// Compiles a condition; an error inside the string is placed at its exact line:column.
    std::optional<Expression> condition(FieldReader& r, const char* key, const std::string& what_ja,
                                        const std::string& what_en) {
        const auto source = r.string(key, true);
        if (!source) return std::nullopt;
        note_references(*source);
        return compile_condition(*r.table_node().get(key), *source, scope_, what_ja, what_en);
    }

    std::optional<Expression> compile_condition(const toml::node& node, const std::string& source, const Scope& scope,
                                                const std::string& what_ja, const std::string& what_en) {
        try {
            Expression e = Expression::compile(source, scope);
            if (e.type() != Type::boolean) {
                errors_.push_back(Diagnostic{location_in_string(text_, path_, node, 0),
                                             {what_ja + " の条件は真偽値になる式が必要ですが、" + type_name(e.type()) + " の式です",
                                              what_en + ": a condition must be a boolean expression, this one is " +
                                                  type_name(e.type())}});
                return std::nullopt;
            }
            return e;
        } catch (const ExprError& e) {
            errors_.push_back(Diagnostic{location_in_string(text_, path_, node, e.offset()),
                                         {what_ja + ": " + e.message().ja, what_en + ": " + e.message().en}});
            return std::nullopt;
        }
    }

    /// ask_if may read only earlier questions and the profile: the questionnaire is then answered
    /// top to bottom, and skip conditions can never depend on each other in a cycle.
    void compile_ask_ifs() {
        for (const auto& [index, node] : ask_if_nodes_) {
            Question& q = rules_.questions[index];
            Scope earlier;
            for (const auto& f : profile_fields()) earlier.names[f.name] = scope_.names.at(f.name);
            for (std::size_t i = 0; i < index; ++i) {
                const Question& before = rules_.questions[i];
                if (before.type == QuestionType::table) continue;  // rows are read by plugins, not conditions
                if (const auto it = scope_.names.find(before.id); it != scope_.names.end()) earlier.names[before.id] = it->second;
            }
            const std::string what_ja = "質問 '" + q.id + "' の ask_if（前の質問とプロフィールだけを参照できます）";
            const std::string what_en = "question '" + q.id + "' ask_if (may read earlier questions and the profile only)";
            q.ask_if = compile_condition(*node, node->value_or(std::string()), earlier, what_ja, what_en);
        }
    }

    void read_levels(const toml::array& arr, FieldReader& top) {
        std::vector<bool> seen(6, false);
        for_each_table(arr, path_, errors_, "[[levels]]", [&](const toml::table& t) { read_level(t, seen); });
        std::string missing;
        for (int k = 1; k <= 5; ++k)
            if (!seen[k]) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
        if (!missing.empty())
            top.error_at("levels", {"レベル 1〜5 がすべて必要です。足りないレベル: " + missing,
                                    "levels 1..5 must all be defined; missing: " + missing});
        std::sort(rules_.levels.begin(), rules_.levels.end(), [](const Level& a, const Level& b) { return a.level < b.level; });
    }

    void read_level(const toml::table& t, std::vector<bool>& seen) {
        FieldReader r(t, path_, "[[levels]]", "[[levels]]", errors_);
        Level level;
        level.where = location_of(path_, t);
        level.level = static_cast<int>(r.integer("level", true).value_or(0));
        const std::string label = "レベル " + std::to_string(level.level);
        const std::string label_en = "level " + std::to_string(level.level);
        if (t.get("level") && t.get("level")->is_integer()) {
            if (level.level < 1 || level.level > 5)
                r.error_at("level", {"レベルは 1〜5 です（レベル 0 は条件なしの出発点）: " + std::to_string(level.level),
                                     "level must be 1..5 (level 0 needs no condition): " + std::to_string(level.level)});
            else if (seen[level.level])
                r.error_at("level", {label + " が重複しています", "duplicate " + label_en});
            else
                seen[level.level] = true;
        }
        level.source = r.string("source", true).value_or("");
        level.caveat = read_text(r, "caveat_ja", "caveat_en", false);
        level.name = read_text(r, "name_ja", "name_en", false);
        if (level.name.ja.empty() != level.name.en.empty())
            r.error_at(level.name.ja.empty() ? "name_en" : "name_ja", {label + ": name_ja と name_en は両方書きます",
                                                                        label_en + ": write both name_ja and name_en"});
        if (const toml::array* crit = r.array("criteria", true)) {
            int index = 0;
            for_each_table(*crit, path_, errors_, label_en + " criteria", [&](const toml::table& ct) {
                FieldReader cr(ct, path_, label + " の基準", label_en + " criterion", errors_);
                std::string id = cr.string("id").value_or(std::to_string(level.level) + "." + std::to_string(++index));
                if (!criterion_ids_.insert(id).second)
                    cr.error_at("id", {"基準 ID '" + id + "' が重複しています", "duplicate criterion id '" + id + "'"});
                Text text = read_text(cr, "ja", "en", true);
                auto when = condition(cr, "when", label, label_en);
                cr.reject_unknown_keys();
                if (when) level.criteria.push_back(Criterion{std::move(id), std::move(*when), std::move(text), location_of(path_, ct)});
            });
            if (crit->empty()) error(*crit, label + " に基準がありません", label_en + " has no criteria");
        }
        r.reject_unknown_keys();
        if (level.level >= 1 && level.level <= 5) rules_.levels.push_back(std::move(level));
    }

    /// [display] percent = ["usage_ratio"]: number facts (0..1) that reports show as percentages.
    void read_display(const toml::table& t) {
        FieldReader r(t, path_, "[display]", "[display]", errors_);
        if (const toml::array* percent = r.array("percent")) {
            std::vector<std::string> facts;
            for (const auto& [name, info] : symbols_.facts)
                if (info.type == Type::number) facts.push_back(name);
            for (const toml::node& n : *percent) {
                const auto name = n.value<std::string>();
                if (name && std::find(facts.begin(), facts.end(), *name) != facts.end()) {
                    rules_.percent_facts.insert(*name);
                    continue;
                }
                const Text hint = name ? did_you_mean(*name, facts) : Text{};
                error(n, "[display] percent には数値型の派生事実の名前を書きます" + hint.ja,
                      "[display] percent lists number facts of the plugin" + hint.en);
            }
        }
        if (const toml::array* shortfalls = r.array("shortfall"))
            for_each_table(*shortfalls, path_, errors_, "[display] shortfall", [&](const toml::table& row) { read_shortfall(row); });
        r.reject_unknown_keys();
    }

    /// { table = "procedures", column = "via_myna_portal", values = [false], ja = "…", en = "…" }
    void read_shortfall(const toml::table& t) {
        FieldReader r(t, path_, "[display] shortfall", "[display] shortfall", errors_);
        Shortfall s;
        s.table = r.string("table", true).value_or("");
        s.column = r.string("column", true).value_or("");
        s.title = read_text(r, "ja", "en", true);
        const Question* table = rules_.find_question(s.table);
        const Question* column = table ? table->find_column(s.column) : nullptr;
        if (!s.table.empty() && (!table || table->type != QuestionType::table)) {
            r.error_at("table", {"表の質問 '" + s.table + "' がありません", "no table question '" + s.table + "'"});
        } else if (table && !column) {
            std::vector<std::string> ids;
            for (const auto& c : table->columns) ids.push_back(c.id);
            const Text hint = did_you_mean(s.column, ids);
            r.error_at("column", {"表 '" + s.table + "' に列 '" + s.column + "' がありません" + hint.ja,
                                  "table '" + s.table + "' has no column '" + s.column + "'" + hint.en});
        }
        if (const toml::array* values = r.array("values", true)) {
            for (const toml::node& n : *values) {
                if (column && column->type == QuestionType::boolean && n.is_boolean()) {
                    s.values.emplace_back(n.as_boolean()->get());
                } else if (column && column->type == QuestionType::choice && n.is_string() && column->find_choice(n.as_string()->get())) {
                    s.values.emplace_back(n.as_string()->get());
                } else if (column) {
                    const Text hint = n.is_string() ? did_you_mean(n.as_string()->get(), column->choice_ids()) : Text{};
                    error(n, "列 '" + s.column + "' の値（" + std::string(column->type == QuestionType::boolean ? "true / false" : "選択肢の ID") +
                                 "）を書きます" + hint.ja,
                          "values of column '" + s.column + "' (" + (column->type == QuestionType::boolean ? "true / false" : "choice ids") +
                              ")" + hint.en);
                }
            }
        }
        r.reject_unknown_keys();
        if (column) rules_.shortfalls.push_back(std::move(s));
    }

    void read_checks(const toml::array& arr) {
        for_each_table(arr, path_, errors_, "[[checks]]", [&](const toml::table& t) { read_check(t); });
    }

    void read_check(const toml::table& t) {
        const std::string id = t["id"].value_or(std::string("?"));
        FieldReader r(t, path_, "チェック '" + id + "'", "check '" + id + "'", errors_);
        const std::string check_id = r.string("id", true).value_or("");
        if (!check_id.empty() &&
            std::any_of(rules_.checks.begin(), rules_.checks.end(), [&](const Check& o) { return o.id == check_id; }))
            r.error_at("id", {"チェック ID '" + check_id + "' が重複しています", "duplicate check id '" + check_id + "'"});
        const Severity severity = read_enum(r, "severity", severities(), "重大度", "severity").value_or(Severity::medium);
        Text title = read_text(r, "ja", "en", true);
        Text advice = read_text(r, "advice_ja", "advice_en", true);
        std::string source = r.string("source", true).value_or("");
        Text caveat = read_text(r, "caveat_ja", "caveat_en", false);
        auto when = condition(r, "when", "チェック '" + check_id + "'", "check '" + check_id + "'");
        r.reject_unknown_keys();
        if (when)
            rules_.checks.push_back(Check{check_id, std::move(*when), severity, std::move(title), std::move(advice),
                                          std::move(source), std::move(caveat), location_of(path_, t)});
    }

    const std::string& text_;
    const std::string& path_;
    const PluginSymbols& symbols_;
    const ReferenceData* reference_;
    RuleSet rules_;
    Scope scope_;
    std::set<std::string> criterion_ids_;
    std::vector<std::pair<std::size_t, const toml::node*>> ask_if_nodes_;  // question index, its ask_if string
    std::vector<Diagnostic> errors_;
};

}  // namespace

bool is_row_annotation(std::string_view key) {
    return key == "na" || key == "note" || key == "evidence" || key == "owner" || key == "answered_by";
}

const char* question_type_name(QuestionType t) {
    for (const auto& [name, type] : question_types())
        if (type == t) return name.c_str();
    return "?";
}

Type value_type(QuestionType t) {
    switch (t) {
        case QuestionType::boolean: return Type::boolean;
        case QuestionType::integer: return Type::integer;
        case QuestionType::number:
        case QuestionType::ratio: return Type::number;
        case QuestionType::choice: return Type::string;
        case QuestionType::multi_choice: return Type::list;
        case QuestionType::date: return Type::date;
        case QuestionType::table: return Type::unknown;
    }
    return Type::unknown;
}

const char* severity_name(Severity s) {
    for (const auto& [name, sev] : severities())
        if (sev == s) return name.c_str();
    return "?";
}

std::vector<std::string> Question::choice_ids() const {
    std::vector<std::string> ids;
    for (const auto& c : choices) ids.push_back(c.id);
    return ids;
}

const Choice* Question::find_choice(const std::string& cid) const {
    for (const auto& c : choices)
        if (c.id == cid) return &c;
    return nullptr;
}

const Question* Question::find_column(const std::string& cid) const {
    for (const auto& c : columns)
        if (c.id == cid) return &c;
    return nullptr;
}

const Question* RuleSet::find_question(const std::string& qid) const {
    for (const auto& q : questions)
        if (q.id == qid) return &q;
    return nullptr;
}

const std::vector<ProfileField>& profile_fields() {
    static const std::vector<ProfileField> fields = {
        {"profile.population", Type::integer, {"人口（1月1日の住民基本台帳人口）", "population (resident register, 1 January)"}},
        {"profile.fiscal_year", Type::integer, {"年度", "fiscal year"}},
        {"profile.staff", Type::integer, {"一般行政職員数", "general administrative staff"}},
        {"profile.peer_group", Type::string, {"類似団体区分", "peer group (類似団体区分)"}},
    };
    return fields;
}

const std::vector<PeerGroup>& peer_groups() {
    static const std::vector<PeerGroup> groups = [] {
        static const char* roman[] = {"Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ"};
        static const char* roman_en[] = {"I", "II", "III", "IV", "V"};
        std::vector<PeerGroup> g = {{"designated_city", {"政令指定都市", "Designated city"}},
                                    {"special_ward", {"特別区", "Special ward"}},
                                    {"core_city", {"中核市", "Core city"}},
                                    {"special_city", {"施行時特例市", "Former special city"}}};
        // 都市: population bands Ⅰ..Ⅳ x industry 0..3; 町村: Ⅰ..Ⅴ x 0..2 (facts §7).
        for (int p = 0; p < 4; ++p)
            for (int i = 0; i <= 3; ++i)
                g.push_back({"city_" + std::to_string(p + 1) + "_" + std::to_string(i),
                             {std::string("都市") + roman[p] + "-" + std::to_string(i), std::string("City ") + roman_en[p] + "-" + std::to_string(i)}});
        for (int p = 0; p < 5; ++p)
            for (int i = 0; i <= 2; ++i)
                g.push_back({"town_" + std::to_string(p + 1) + "_" + std::to_string(i),
                             {std::string("町村") + roman[p] + "-" + std::to_string(i), std::string("Town/village ") + roman_en[p] + "-" + std::to_string(i)}});
        return g;
    }();
    return groups;
}

const PeerGroup* find_peer_group(const std::string& written) {
    // ASCII roman numerals (II, IV) as typed on a keyboard read as the numeral characters.
    std::string s = written;
    static const std::pair<const char*, const char*> ascii[] = {{"III", "Ⅲ"}, {"IV", "Ⅳ"}, {"II", "Ⅱ"}, {"V", "Ⅴ"}, {"I", "Ⅰ"}};
    if (s.rfind("都市", 0) == 0 || s.rfind("町村", 0) == 0) {
        std::string head = s.substr(0, 6), tail = s.substr(6);
        for (const auto& [from, to] : ascii)
            if (tail.rfind(from, 0) == 0) {
                tail = to + tail.substr(std::string(from).size());
                break;
            }
        s = head + tail;
    }
    for (const auto& g : peer_groups())
        if (g.id == written || g.label.ja == s) return &g;
    return nullptr;
}

RuleSet parse_rule_set(const std::string& text, const std::string& path, const PluginSymbols& symbols,
                       const std::string& expected_area, const ReferenceData* reference) {
    return RuleSetLoader(text, path, symbols, reference).load(expected_area);
}

RuleSet load_rule_set(const std::string& path, const PluginSymbols& symbols, const std::string& expected_area,
                      const ReferenceData* reference) {
    return parse_rule_set(read_input_file(path), path, symbols, expected_area, reference);
}

namespace {

/// The text of the [area] table when it stands as a plain table — from its header line to the next
/// header line — or nothing. Parsing that alone spares start-up a parse of every rule file's
/// questions and levels only to learn its area.
std::optional<std::string_view> area_table_text(std::string_view text) {
    const auto is_header = [](std::string_view line) {
        const auto start = line.find_first_not_of(" \t");
        return start != std::string_view::npos && line[start] == '[';
    };
    std::size_t at = 0, begin = std::string_view::npos;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, end - at);
        if (begin == std::string_view::npos) {
            const auto start = line.find_first_not_of(" \t");
            if (start != std::string_view::npos && line.compare(start, 6, "[area]") == 0) {
                const auto rest = line.find_first_not_of(" \t\r", start + 6);
                if (rest == std::string_view::npos || line[rest] == '#') begin = at;
            }
        } else if (is_header(line)) {
            return text.substr(begin, at - begin);
        }
        at = end + 1;
    }
    if (begin == std::string_view::npos) return std::nullopt;
    return text.substr(begin);
}

std::optional<RuleSetHeader> header_of(const toml::table& root) {
    const auto id = root["area"]["id"].value<std::string>();
    if (!id) return std::nullopt;
    return RuleSetHeader{*id, root["area"]["plugin"].value_or(std::string()),
                         Text{root["area"]["title_ja"].value_or(*id), root["area"]["title_en"].value_or(*id)}};
}

}  // namespace

RuleSetHeader peek_rule_set(const std::string& path) {
    const std::string text = read_input_file(path);
    // The [area] table alone when it stands on its own; whatever does not read cleanly that way
    // (a multi-line string cut at a line starting with '[', dotted keys) takes the whole file. The
    // header only routes the file: load_rule_set checks the area and plugin again in full.
    if (const auto fragment = area_table_text(text)) {
        try {
            if (auto header = header_of(parse_toml(std::string(*fragment), path))) return std::move(*header);
        } catch (const InputError&) {
        }
    }
    auto header = header_of(parse_toml(text, path));
    if (!header) throw InputError(Location{path}, Text{"[area] id がありません", "missing [area] id"});
    return std::move(*header);
}

}  // namespace dxassess::engine
