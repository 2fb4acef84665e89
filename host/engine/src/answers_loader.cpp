// Loads a municipality's answers and checks each one against its question: type, bounds, choices.
#include "dxassess/engine/answers.hpp"

#include "answers_json_fast.hpp"
#include "answers_table.hpp"
#include "toml_support.hpp"

#include <algorithm>
#include <cmath>

namespace dxassess::engine {
namespace {

std::string fmt_number(double d) {
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    std::string s = std::to_string(d);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    return s;
}

class AnswersLoader {
public:
    explicit AnswersLoader(const std::string& path) : path_(path) {}

    Answers load(const toml::table& root, const AnswerSchema& schema) {
        answers_.path = path_;
        FieldReader top(root, path_, "回答ファイル", "answers file", errors_);
        if (const toml::table* p = top.table("profile", true)) read_profile(*p);
        std::vector<std::string> known;
        for (const RuleSet* rs : schema.rule_sets) {
            known.push_back(rs->area);
            if (const toml::table* t = top.table(rs->area.c_str())) read_area(*t, *rs);
        }
        for (const auto& area : schema.other_known_areas) {
            known.push_back(area);
            if (const toml::table* t = top.table(area.c_str())) answers_.areas[area] = raw_table(*t);
        }
        if (const toml::table* t = top.table("targets")) read_targets(*t, known);
        for (const auto& [k, v] : root) {
            const std::string key(k.str());
            if (key == "profile" || key == "targets" || std::find(known.begin(), known.end(), key) != known.end()) continue;
            const Text hint = did_you_mean(key, known);
            errors_.push_back(Diagnostic{location_of(path_, v),
                                         {"不明な領域 '" + key + "'" + hint.ja + "（評価できる領域のプラグインがありません）",
                                          "unknown area '" + key + "'" + hint.en + " (no plugin assesses it)"}});
        }
        if (!errors_.empty()) throw InputError(std::move(errors_));
        return std::move(answers_);
    }

private:
    void error(const toml::node& at, std::string ja, std::string en) {
        errors_.push_back(Diagnostic{location_of(path_, at), Text{std::move(ja), std::move(en)}});
    }

    void read_profile(const toml::table& t) {
        FieldReader r(t, path_, "[profile]", "[profile]", errors_);
        Profile& p = answers_.profile;
        p.code = r.string("code", true).value_or("");
        if (t.get("code") && t.get("code")->is_string() && !valid_local_government_code(p.code))
            r.error_at("code", {"全国地方公共団体コード '" + p.code + "' が不正です（6 桁で、6 桁目は検査数字です）",
                                "invalid local government code '" + p.code + "' (6 digits, the last is a check digit)"});
        if (t.get("code") && t.get("code")->is_integer())
            errors_.back().message = {"全国地方公共団体コードは先頭の 0 を保つため文字列で書いてください（例: code = \"011002\"）",
                                      "write the local government code as a string to keep leading zeros (e.g. code = \"011002\")"};
        p.name = r.string("name", true).value_or("");
        p.prefecture = r.string("prefecture", true).value_or("");
        if (auto pop = r.integer("population", true)) {
            if (*pop <= 0 || *pop > 50'000'000)
                r.error_at("population", {"人口は 1〜50,000,000 の整数です: " + std::to_string(*pop),
                                          "population must be 1..50,000,000: " + std::to_string(*pop)});
            p.population = *pop;
        }
        if (auto fy = r.integer("fiscal_year", true)) {
            if (*fy < 2000 || *fy > 2100)
                r.error_at("fiscal_year", {"年度は 2000〜2100 の西暦です: " + std::to_string(*fy),
                                           "fiscal_year must be a year 2000..2100: " + std::to_string(*fy)});
            p.fiscal_year = static_cast<int>(*fy);
        }
        if (auto type = r.string("type")) {
            const auto& types = government_types();
            if (std::find(types.begin(), types.end(), *type) == types.end()) {
                std::string all;
                for (const auto& kind : types) all += (all.empty() ? "" : ", ") + kind;
                const Text hint = did_you_mean(*type, types);
                r.error_at("type", {"団体の種類 '" + *type + "' は不明です" + hint.ja + "。使える値: " + all,
                                    "unknown kind of government '" + *type + "'" + hint.en + "; use one of " + all});
            }
            p.type = *type;
        }
        if (auto staff = r.integer("staff")) {
            if (*staff <= 0 || *staff > 500'000)
                r.error_at("staff", {"一般行政職員数は 1〜500,000 の整数です: " + std::to_string(*staff),
                                     "staff must be 1..500,000: " + std::to_string(*staff)});
            p.staff = *staff;
        }
        if (auto group = r.string("peer_group")) {
            if (const PeerGroup* g = find_peer_group(*group)) {
                p.peer_group = g->id;
            } else {
                std::vector<std::string> names;
                for (const auto& pg : peer_groups()) names.push_back(pg.label.ja);
                const Text hint = did_you_mean(*group, names);
                r.error_at("peer_group", {"類似団体区分 '" + *group + "' は不明です" + hint.ja + "（例: 「町村Ⅱ-1」「都市Ⅲ-2」「中核市」）",
                                          "unknown peer group '" + *group + "'" + hint.en + " (e.g. 町村Ⅱ-1, 都市Ⅲ-2, 中核市)"});
            }
        }
        p.as_of = default_reference_date(p.fiscal_year);
        if (const toml::node* n = r.node("as_of")) {
            if (const auto* d = n->as_date())
                p.as_of = Date{d->get().year, d->get().month, d->get().day};
            else
                error(*n, "as_of（基準日）には日付が必要です（例: as_of = 2025-10-01、引用符なし）",
                      "as_of (reference date) must be a date (e.g. as_of = 2025-10-01, unquoted)");
        }
        r.reject_unknown_keys();
    }

    /// [targets] telework = 4: the level each area aims for (DX推進指標 asks for a 3-year target).
    void read_targets(const toml::table& t, const std::vector<std::string>& known) {
        FieldReader r(t, path_, "[targets]", "[targets]", errors_);
        for (const auto& [k, v] : t) {
            const std::string area(k.str());
            r.node(area.c_str());
            if (std::find(known.begin(), known.end(), area) == known.end()) {
                const Text hint = did_you_mean(area, known);
                error(v, "[targets] に不明な領域 '" + area + "'" + hint.ja, "[targets]: unknown area '" + area + "'" + hint.en);
                continue;
            }
            // Not value<int64_t>(): toml++ 3.3.0 casts a float to an integer before checking its range.
            const auto level = v.is_integer() ? std::optional<std::int64_t>(v.as_integer()->get()) : std::nullopt;
            if (!level || *level < 0 || *level > 5) {
                error(v, "[targets] " + area + " の目標レベルは 0〜5 の整数です", "[targets] " + area + ": a target level is an integer 0..5");
                continue;
            }
            answers_.targets[area] = static_cast<int>(*level);
        }
    }

    AnswerNode raw_table(const toml::table& t) {
        AnswerNode node;
        node.is_table = true;
        node.where = location_of(path_, t);
        return node;
    }

    void read_area(const toml::table& t, const RuleSet& rs) {
        AnswerNode area = raw_table(t);
        std::vector<std::string> ids;
        for (const auto& q : rs.questions) ids.push_back(q.id);
        for (const auto& [k, v] : t) {
            const std::string key(k.str());
            const Question* q = rs.find_question(key);
            if (!q) {
                const Text hint = did_you_mean(key, ids);
                error(v, "[" + rs.area + "] に不明な質問 '" + key + "' があります" + hint.ja,
                      "[" + rs.area + "]: unknown question '" + key + "'" + hint.en);
                continue;
            }
            if (auto node = read_annotated_answer(*q, v, "[" + rs.area + "] " + key)) area.members.emplace_back(key, std::move(*node));
        }
        // Keep questionnaire order so reports and plugins see answers in a stable order.
        std::sort(area.members.begin(), area.members.end(), [&](const auto& a, const auto& b) {
            return std::find(ids.begin(), ids.end(), a.first) < std::find(ids.begin(), ids.end(), b.first);
        });
        answers_.areas[rs.area] = std::move(area);
    }

    /// Reads note / evidence / owner / answered_by from `t` (an answer's or a row's table); nullptr when it has none.
    std::shared_ptr<const AnswerNotes> read_notes(const toml::table& t, const std::string& name) {
        AnswerNotes n;
        const auto text = [&](const char* key, std::string& into) {
            const toml::node* v = t.get(key);
            if (!v) return;
            if (!v->is_string()) return type_error(name + "." + key, *v, "文字列", "a string");
            into = v->as_string()->get();
        };
        text("note", n.note);
        text("evidence", n.evidence);
        text("owner", n.owner);
        text("answered_by", n.answered_by);
        return n.empty() ? nullptr : std::make_shared<const AnswerNotes>(std::move(n));
    }

    /// na = "<reason>" on an answer or a row: the reason must be one of na_reasons(), and
    /// "other" needs a note saying what the reason is.
    bool read_na(const Question& q, const toml::table& t, const std::string& name, AnswerNode& node) {
        const toml::node* v = t.get("na");
        if (!v) return false;
        if (!q.allow_na) {
            error(*v, name + " は該当なし（na）にできない質問です（ルールに allow_na がありません）",
                  name + " cannot be marked not applicable (na): its rule does not set allow_na");
            return false;
        }
        std::vector<std::string> ids;
        std::string list;
        for (const auto& r : na_reasons()) {
            ids.push_back(r.id);
            list += (list.empty() ? "" : ", ") + r.id + "（" + r.label.ja + "）";
        }
        const std::string reason = v->value_or(std::string());
        const NaReason* found = find_na_reason(reason);
        if (!found) {
            const Text hint = did_you_mean(reason, ids);
            error(*v, name + ".na の理由 \"" + reason + "\" は使えません" + hint.ja + "。使える理由: " + list,
                  name + ".na: \"" + reason + "\" is not a reason" + hint.en + "; use one of " + list);
            return false;
        }
        if (reason == "other" && node.notes_or_none().note.empty())
            error(*v, name + ": 該当なしの理由が other（その他）のときは note に理由を書いてください",
                  name + ": with na = \"other\", say why in note");
        node.na = found;
        return true;
    }

    /// An answer, either plain (`q = 3`) or as a table with notes (`q = { value = 3, note = "…" }`)
    /// or 該当なし (`q = { na = "wide_area", note = "…" }`).
    std::optional<AnswerNode> read_annotated_answer(const Question& q, const toml::node& v, const std::string& name) {
        const toml::table* t = v.as_table();
        if (!t) return read_answer(q, v, name);
        AnswerNode notes_only;
        notes_only.notes = read_notes(*t, name);
        for (const auto& [k, cell] : *t) {
            const std::string key(k.str());
            if (key == "value" || is_row_annotation(key)) continue;
            const Text hint = did_you_mean(key, {"value", "na", "note", "evidence", "owner", "answered_by"});
            error(cell, name + " に不明な項目 '" + key + "' があります" + hint.ja + "。使える項目: value, na, note, evidence, owner, answered_by",
                  name + ": unknown key '" + key + "'" + hint.en + "; use value, na, note, evidence, owner, answered_by");
        }
        const toml::node* value = t->get("value");
        if (t->get("na")) {
            if (q.type == QuestionType::table) {
                error(*t->get("na"), name + " は表なので、該当なしは行ごとに書きます（各行に na = \"…\"）",
                      name + " is a table: mark rows not applicable one by one (na = \"…\" in each row)");
                return std::nullopt;
            }
            if (value) {
                error(*value, name + ": value と na（該当なし）は同時に書けません", name + ": give either value or na, not both");
                return std::nullopt;
            }
            AnswerNode node = std::move(notes_only);
            node.where = location_of(path_, v);
            if (!read_na(q, *t, name, node)) return std::nullopt;
            return node;
        }
        if (!value) {
            error(v, name + " には回答（value = …）か該当なし（na = \"…\"）が必要です",
                  name + ": give an answer (value = …) or mark it not applicable (na = \"…\")");
            return std::nullopt;
        }
        auto node = read_answer(q, *value, name);
        if (node) node->notes = std::move(notes_only.notes);
        return node;
    }

    void type_error(const std::string& name, const toml::node& v, const char* want_ja, const char* want_en) {
        error(v, name + " には" + want_ja + "が必要ですが、" + toml_type_ja(v) + "です",
              name + ": expected " + want_en + ", found " + toml_type_en(v));
    }

    void choice_error(const Question& q, const std::string& name, const toml::node& v, const std::string& s) {
        std::string list;
        for (const auto& c : q.choices) list += (list.empty() ? "" : ", ") + c.id + "（" + c.label.ja + "）";
        const Text hint = did_you_mean(s, q.choice_ids());
        error(v, name + " の値 \"" + s + "\" は選択肢にありません" + hint.ja + "。選択肢: " + list,
              name + ": \"" + s + "\" is not a choice" + hint.en + "; choices: " + list);
    }

    /// One answer checked against its question; `name` says where it is ("[area] question").
    std::optional<AnswerNode> read_answer(const Question& q, const toml::node& v, const std::string& name) {
        AnswerNode node;
        node.where = location_of(path_, v);
        switch (q.type) {
            case QuestionType::boolean:
                if (!v.is_boolean()) return type_error(name, v, "真偽値（true / false）", "a boolean (true / false)"), std::nullopt;
                node.value = v.as_boolean()->get();
                return node;
            case QuestionType::integer: {
                if (!v.is_integer()) return type_error(name, v, "整数", "an integer"), std::nullopt;
                const std::int64_t i = v.as_integer()->get();
                if (!in_bounds(q, static_cast<double>(i), v, name)) return std::nullopt;
                node.value = i;
                return node;
            }
            case QuestionType::number:
            case QuestionType::ratio: {
                if (!v.is_number()) return type_error(name, v, "数値", "a number"), std::nullopt;
                const double d = v.is_integer() ? static_cast<double>(v.as_integer()->get()) : v.as_floating_point()->get();
                if (!std::isfinite(d)) return error(v, name + " は有限の数値です", name + " must be a finite number"), std::nullopt;
                if (q.type == QuestionType::ratio && (d < 0 || d > 1)) {
                    error(v, name + " は 0〜1 の割合で答えてください（例: 45% は 0.45）。値: " + fmt_number(d),
                          name + ": a ratio is between 0 and 1 (45% is 0.45); got " + fmt_number(d));
                    return std::nullopt;
                }
                if (!in_bounds(q, d, v, name)) return std::nullopt;
                node.value = d;
                return node;
            }
            case QuestionType::choice: {
                if (!v.is_string()) return type_error(name, v, "選択肢の文字列", "a choice (string)"), std::nullopt;
                const std::string s = v.as_string()->get();
                const Choice* c = match_choice(q, s);
                if (!c) return choice_error(q, name, v, s), std::nullopt;
                node.value = c->id;
                return node;
            }
            case QuestionType::multi_choice: {
                const toml::array* arr = v.as_array();
                if (!arr) return type_error(name, v, "選択肢の配列（例: [\"a\", \"b\"]）", "an array of choices"), std::nullopt;
                node.is_list = true;
                StringList ids;
                bool ok = true;
                for (const toml::node& e : *arr) {
                    const Choice* c = e.is_string() ? match_choice(q, e.as_string()->get()) : nullptr;
                    if (!e.is_string()) { type_error(name, e, "選択肢の文字列", "a choice (string)"); ok = false; continue; }
                    if (!c) { choice_error(q, name, e, e.as_string()->get()); ok = false; continue; }
                    if (std::find(ids.begin(), ids.end(), c->id) != ids.end()) {
                        error(e, name + " に \"" + c->id + "\" が重複しています", name + ": duplicate choice \"" + c->id + "\"");
                        ok = false;
                        continue;
                    }
                    ids.push_back(c->id);
                    AnswerNode item;
                    item.value = c->id;
                    item.where = location_of(path_, e);
                    node.items.push_back(std::move(item));
                }
                if (!ok) return std::nullopt;
                node.value = ids;
                return node;
            }
            case QuestionType::table: return read_table(q, v, name);
            case QuestionType::date: {
                const auto* d = v.as_date();
                if (!d) return type_error(name, v, "日付（例: 2025-04-01、引用符なし）", "a date (e.g. 2025-04-01, unquoted)"), std::nullopt;
                node.value = Date{d->get().year, d->get().month, d->get().day};
                return node;
            }
        }
        return std::nullopt;
    }

    /// A table question: an array of rows, each row a table of column values.
    std::optional<AnswerNode> read_table(const Question& q, const toml::node& v, const std::string& name) {
        const toml::array* arr = v.as_array();
        if (!arr || (!arr->empty() && !arr->is_array_of_tables()))
            return type_error(name, v, "表（[[…]] または [{ … }, …] の行の配列）", "a table (an array of rows: [[…]] or [{ … }, …])"), std::nullopt;
        AnswerNode node;
        node.where = location_of(path_, v);
        node.is_list = true;
        const std::size_t errors_before = errors_.size();
        if ((q.min_rows && arr->size() < static_cast<std::size_t>(*q.min_rows)) ||
            (q.max_rows && arr->size() > static_cast<std::size_t>(*q.max_rows)))
            error(v, name + " の行数 " + std::to_string(arr->size()) + " が範囲外です",
                  name + ": " + std::to_string(arr->size()) + " rows is out of range (" +
                      (q.min_rows ? std::to_string(*q.min_rows) : "") + ".." + (q.max_rows ? std::to_string(*q.max_rows) : "") + ")");
        std::vector<std::string> column_ids;
        for (const auto& c : q.columns) column_ids.push_back(c.id);
        std::vector<bool> blank_rows;  // rows that name only their key (template rows): checked, then left out
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const toml::table& row_table = *arr->get(i)->as_table();
            const std::string row_name = name + "[" + std::to_string(i + 1) + "]";
            AnswerNode row;
            row.where = location_of(path_, row_table);
            row.is_table = true;
            row.notes = read_notes(row_table, row_name);
            const bool na = read_na(q, row_table, row_name, row);
            // A row that names only its key (as the template pre-fills every known row) is not answered yet.
            const bool blank = std::all_of(row_table.begin(), row_table.end(), [&](const auto& kv) {
                const Question* c = q.find_column(std::string(kv.first.str()));
                return c && c->key;
            });
            const bool template_row = blank && std::any_of(q.columns.begin(), q.columns.end(), [](const Question& c) { return !c.key; });
            blank_rows.push_back(template_row);
            for (const auto& c : q.columns) {
                const toml::node* cell = row_table.get(c.id);
                if (!cell) {
                    if (c.required && !template_row && (!na || c.key))
                        error(row_table, row_name + " に必須の列 '" + c.id + "'（" + c.text.ja + "）がありません",
                              row_name + ": missing required column '" + c.id + "' (" + c.text.en + ")");
                    continue;
                }
                if (auto value = read_answer(c, *cell, row_name + "." + c.id)) row.members.emplace_back(c.id, std::move(*value));
            }
            if (na) row.members.emplace_back("na", AnswerNode{Value{row.na->id}, row.where});  // plugins see it as a column
            for (const auto& [k, cell] : row_table) {
                const std::string key(k.str());
                if (q.find_column(key) || is_row_annotation(key)) continue;
                const Text hint = did_you_mean(key, column_ids);
                error(cell, row_name + " に不明な列 '" + key + "' があります" + hint.ja, row_name + ": unknown column '" + key + "'" + hint.en);
            }
            node.items.push_back(std::move(row));
        }
        for (const auto& c : q.columns) {
            if (!c.key) continue;
            std::vector<std::string> seen;
            for (const auto& row : node.items) {
                const AnswerNode* cell = row.member(c.id);
                if (!cell) continue;
                const std::string text = to_display(cell->value, true);
                if (std::find(seen.begin(), seen.end(), text) != seen.end())
                    errors_.push_back(Diagnostic{cell->where, {name + " の列 " + c.id + " の値 \"" + text + "\" が複数の行にあります",
                                                               name + ": column " + c.id + " value \"" + text + "\" appears in more than one row"}});
                seen.push_back(text);
            }
        }
        if (errors_.size() != errors_before) return std::nullopt;
        if (std::find(blank_rows.begin(), blank_rows.end(), true) != blank_rows.end()) {
            std::vector<AnswerNode> answered;
            for (std::size_t i = 0; i < node.items.size(); ++i)
                if (!blank_rows[i]) answered.push_back(std::move(node.items[i]));
            if (answered.empty()) return std::nullopt;  // only template rows: not answered yet
            node.items = std::move(answered);
        }
        return node;
    }

    bool in_bounds(const Question& q, double d, const toml::node& v, const std::string& name) {
        if ((q.min && d < *q.min) || (q.max && d > *q.max)) {
            const std::string range = (q.min ? fmt_number(*q.min) : "") + "〜" + (q.max ? fmt_number(*q.max) : "");
            const std::string range_en = (q.min ? fmt_number(*q.min) : "") + ".." + (q.max ? fmt_number(*q.max) : "");
            error(v, name + " の値 " + fmt_number(d) + " は範囲外です（" + range + "）",
                  name + ": " + fmt_number(d) + " is out of range (" + range_en + ")");
            return false;
        }
        return true;
    }

    const std::string& path_;
    Answers answers_;
    std::vector<Diagnostic> errors_;
};

}  // namespace

const AnswerNode* AnswerNode::member(std::string_view key) const {
    for (const auto& [k, v] : members)
        if (k == key) return &v;
    return nullptr;
}

Value profile_value(const Profile& p, std::size_t field) {
    switch (field) {
        case 0: return p.population > 0 ? Value{p.population} : Value{};
        case 1: return p.fiscal_year > 0 ? Value{std::int64_t{p.fiscal_year}} : Value{};
        case 2: return p.staff > 0 ? Value{p.staff} : Value{};
        case 3: return p.peer_group.empty() ? Value{} : Value{p.peer_group};
        default: return {};
    }
}

const std::vector<std::string>& government_types() {
    static const std::vector<std::string> types = {"prefecture", "designated_city", "city", "special_ward", "town", "village"};
    return types;
}

bool valid_local_government_code(const std::string& code) {
    if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const int prefecture = (code[0] - '0') * 10 + (code[1] - '0');
    if (prefecture < 1 || prefecture > 47) return false;
    static constexpr int weights[] = {6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 5; ++i) sum += (code[i] - '0') * weights[i];
    return (11 - sum % 11) % 10 == code[5] - '0';
}

const std::vector<NaReason>& na_reasons() {
    static const std::vector<NaReason> reasons = {
        {"prefecture", {"実施主体が都道府県", "run by the prefecture"}},
        {"wide_area", {"広域連合・一部事務組合が実施", "run by a wide-area union or partial-affairs association"}},
        {"no_scheme", {"制度・対象がない", "no such scheme or no one it applies to"}},
        {"other", {"その他", "other"}},
    };
    return reasons;
}

const AnswerNotes& AnswerNode::notes_or_none() const {
    static const AnswerNotes none;
    return notes ? *notes : none;
}

const NaReason* find_na_reason(const std::string& id) {
    for (const auto& r : na_reasons())
        if (r.id == id) return &r;
    return nullptr;
}

Date default_reference_date(int fiscal_year) { return Date{fiscal_year, 4, 1}; }

Answers answers_from_table(const toml::table& root, const std::string& path, const AnswerSchema& schema) {
    return AnswersLoader(path).load(root, schema);
}

Answers parse_answers(const std::string& text, const std::string& path, const AnswerSchema& schema) {
    return answers_from_table(parse_toml(text, path), path, schema);
}

namespace {

/// Lines of the [table] and [[array]] headers under `t`; inline tables have none.
void collect_headers(const toml::table& t, std::vector<std::uint32_t>& lines) {
    for (const auto& [k, v] : t) {
        if (const toml::table* sub = v.as_table()) {
            if (!sub->is_inline()) lines.push_back(sub->source().begin.line);
            collect_headers(*sub, lines);
        } else if (const toml::array* arr = v.as_array(); arr && arr->is_array_of_tables()) {
            for (const toml::node& e : *arr)
                if (!e.as_table()->is_inline()) {
                    lines.push_back(e.source().begin.line);
                    collect_headers(*e.as_table(), lines);
                }
        }
    }
}

}  // namespace

bool AnswerFileLayout::Section::has(const std::string& key) const {
    return std::any_of(keys.begin(), keys.end(), [&](const Key& k) { return k.name == key; });
}

const AnswerFileLayout::Section* AnswerFileLayout::find(const std::string& name) const {
    for (const auto& s : sections)
        if (s.name == name) return &s;
    return nullptr;
}

std::uint32_t AnswerFileLayout::next_header(std::uint32_t line) const {
    const auto it = std::upper_bound(headers.begin(), headers.end(), line);
    return it == headers.end() ? 0 : *it;
}

AnswerFileLayout read_answer_layout(const std::string& text, const std::string& path) {
    const toml::table root = parse_toml(text, path);
    AnswerFileLayout layout;
    for (const auto& [k, v] : root) {
        AnswerFileLayout::Section section;
        section.name = std::string(k.str());
        if (const toml::table* t = v.as_table()) {
            if (!t->is_inline()) section.header_line = t->source().begin.line;
            for (const auto& [key, value] : *t)
                section.keys.push_back({std::string(key.str()), key.source().begin.line,
                                        std::max(key.source().begin.line, value.source().end.line)});
        }
        layout.sections.push_back(std::move(section));
    }
    collect_headers(root, layout.headers);
    std::sort(layout.headers.begin(), layout.headers.end());
    return layout;
}

std::string read_answers_file(const std::string& path) {
    std::string text = read_input_file(path);
    if (!is_valid_utf8(text)) (void)parse_toml(text, path);  // reports the first invalid byte with its place
    return text;
}

Answers load_answers(const std::string& path, const AnswerSchema& schema) {
    return parse_answers(read_input_file(path), path, schema);
}

}  // namespace dxassess::engine
