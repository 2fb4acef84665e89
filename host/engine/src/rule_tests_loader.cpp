// Loads rule-test files: [[cases]] with answers (inline or a file) and expectations per area.
#include "dxassess/engine/rule_tests.hpp"
#include "dxassess/engine/file_path.hpp"

#include "answers_table.hpp"
#include "toml_support.hpp"

#include <algorithm>
#include <filesystem>

namespace dxassess::engine {
namespace {

class RuleTestLoader {
public:
    RuleTestLoader(const std::string& path, const AnswerSchema& schema)
        : path_(path), schema_(schema) {}

    RuleTestSuite load() {
        const toml::table root = parse_toml(read_input_file(path_), path_);
        RuleTestSuite suite;
        suite.path = path_;
        FieldReader top(root, path_, "テストファイル", "test file", errors_);
        const toml::table* profile = top.table("profile");
        if (const toml::array* cases = top.array("cases", true))
            for_each_table(*cases, path_, errors_, "[[cases]]", [&](const toml::table& t) {
                if (auto c = read_case(t, profile)) suite.cases.push_back(std::move(*c));
            });
        top.reject_unknown_keys();
        if (!errors_.empty()) throw InputError(std::move(errors_));
        return suite;
    }

private:
    std::optional<RuleTestCase> read_case(const toml::table& t, const toml::table* profile) {
        RuleTestCase c;
        c.where = location_of(path_, t);
        c.name = t["name"].value_or(std::string("?"));
        FieldReader r(t, path_, "テスト '" + c.name + "'", "test '" + c.name + "'", errors_);
        r.string("name", true);
        const auto file = r.string("answers_file");
        const toml::table* inline_answers = r.table("answers");
        const std::size_t before = errors_.size();
        try {
            if (file && inline_answers) {
                r.error_at("answers_file", {"answers と answers_file はどちらか一方です", "give either answers or answers_file, not both"});
            } else if (file) {
                const auto dir = file_path(path_).parent_path();
                c.answers = load_answers((dir / *file).lexically_normal().string(), schema_);
            } else if (inline_answers) {
                toml::table answers = *inline_answers;  // node copies keep their source positions
                if (!answers.contains("profile") && profile) answers.insert("profile", *profile);
                c.answers = answers_from_table(answers, path_, schema_);
            } else {
                r.error_at("name", {"answers か answers_file が必要です", "a test case needs answers or answers_file"});
            }
        } catch (const InputError& e) {
            errors_.insert(errors_.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
        if (const toml::table* expect = r.table("expect", true))
            for (const auto& [k, v] : *expect) read_expectation(std::string(k.str()), v, c);
        r.reject_unknown_keys();
        if (errors_.size() != before) return std::nullopt;
        return c;
    }

    void read_expectation(const std::string& area, const toml::node& node, RuleTestCase& c) {
        const auto rs = std::find_if(schema_.rule_sets.begin(), schema_.rule_sets.end(),
                                     [&](const RuleSet* x) { return x->area == area; });
        // An area the installation knows but cannot score (its plugin refused or missing) may be
        // expected: the case then fails with the reason. Its ids cannot be checked without its rules.
        const auto& known = schema_.other_known_areas;
        const bool known_unscored = std::find(known.begin(), known.end(), area) != known.end();
        if (rs == schema_.rule_sets.end() && !known_unscored) {
            std::vector<std::string> areas;
            for (const RuleSet* x : schema_.rule_sets) areas.push_back(x->area);
            const Text hint = did_you_mean(area, areas);
            errors_.push_back({location_of(path_, node), {"expect に不明な領域 '" + area + "'" + hint.ja,
                                                          "expect: unknown area '" + area + "'" + hint.en}});
            return;
        }
        const toml::table* t = node.as_table();
        if (!t) {
            errors_.push_back({location_of(path_, node), {"expect." + area + " はテーブルです", "expect." + area + " must be a table"}});
            return;
        }
        FieldReader r(*t, path_, "expect." + area, "expect." + area, errors_);
        AreaExpectation e;
        e.area = area;
        e.where = location_of(path_, *t);
        if (auto level = r.integer("level")) {
            if (*level < 0 || *level > 5) r.error_at("level", {"レベルは 0〜5 です", "level must be 0..5"});
            e.level = static_cast<int>(*level);
        }
        if (auto score = r.integer("score")) {
            if (*score < 0 || *score > 100) r.error_at("score", {"スコアは 0〜100 です", "score must be 0..100"});
            e.score = static_cast<int>(*score);
        }
        std::vector<std::string> check_ids, criterion_ids;
        const bool have_rules = rs != schema_.rule_sets.end();
        if (have_rules) {
            for (const auto& ch : (*rs)->checks) check_ids.push_back(ch.id);
            for (const auto& l : (*rs)->levels)
                for (const auto& cr : l.criteria) criterion_ids.push_back(cr.id);
        }
        e.findings = id_list(r, "findings", check_ids, "チェック", "check", have_rules);
        e.gap = id_list(r, "gap", criterion_ids, "基準", "criterion", have_rules);
        if (auto n = r.integer("answered")) e.answered = static_cast<int>(*n);
        if (auto n = r.integer("questions")) e.questions = static_cast<int>(*n);
        e.complete = r.boolean("complete");
        r.reject_unknown_keys();
        c.expects.push_back(std::move(e));
    }

    /// An array of ids that must all exist (when `check`: the area's rules are loaded).
    std::optional<std::vector<std::string>> id_list(FieldReader& r, const char* key, const std::vector<std::string>& known,
                                                    const char* what_ja, const char* what_en, bool check) {
        const toml::array* arr = r.array(key);
        if (!arr) return std::nullopt;
        std::vector<std::string> ids;
        for (const toml::node& n : *arr) {
            const auto id = n.value<std::string>();
            if (!id) {
                errors_.push_back({location_of(path_, n), {std::string(key) + " の要素は文字列です", std::string(key) + ": elements must be strings"}});
                continue;
            }
            if (check && std::find(known.begin(), known.end(), *id) == known.end()) {
                const Text hint = did_you_mean(*id, known);
                errors_.push_back({location_of(path_, n), {std::string("不明な") + what_ja + " '" + *id + "'" + hint.ja,
                                                           std::string("unknown ") + what_en + " '" + *id + "'" + hint.en}});
                continue;
            }
            ids.push_back(*id);
        }
        return ids;
    }

    const std::string& path_;
    const AnswerSchema& schema_;
    std::vector<Diagnostic> errors_;
};

}  // namespace

RuleTestSuite load_rule_tests(const std::string& path, const AnswerSchema& schema) {
    return RuleTestLoader(path, schema).load();
}

}  // namespace dxassess::engine
