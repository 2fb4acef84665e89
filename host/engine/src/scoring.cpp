// The scoring formula of docs/scoring.md. Deterministic: same rules and answers, same result.
#include "dxassess/engine/scoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

namespace dxassess::engine {

namespace {

bool is_met(const CriterionResult& c) { return std::holds_alternative<bool>(c.outcome) && std::get<bool>(c.outcome); }

}  // namespace

bool LevelResult::holds() const {
    return std::all_of(criteria.begin(), criteria.end(), [](const CriterionResult& c) { return !c.applicable || is_met(c); });
}

int LevelResult::applicable() const {
    return static_cast<int>(std::count_if(criteria.begin(), criteria.end(), [](const CriterionResult& c) { return c.applicable; }));
}

bool LevelResult::unknown() const {
    bool any_unknown = false;
    for (const auto& c : criteria) {
        if (!c.applicable) continue;
        if (!is_known(c.outcome)) any_unknown = true;
        else if (!std::get<bool>(c.outcome)) return false;
    }
    return any_unknown;
}

int LevelResult::met() const {
    return static_cast<int>(std::count_if(criteria.begin(), criteria.end(), is_met));
}

double AreaResult::completeness() const {
    const int required = required_asked;
    return required == 0 ? 1.0 : static_cast<double>(required - static_cast<int>(missing_required.size())) / required;
}

std::vector<const CriterionResult*> AreaResult::gap() const {
    std::vector<const CriterionResult*> out;
    if (!scored || level >= 5 || static_cast<std::size_t>(level) >= levels.size()) return out;
    for (const auto& c : levels[static_cast<std::size_t>(level)].criteria)
        if (c.applicable && !is_met(c)) out.push_back(&c);
    return out;
}

std::vector<const CriterionResult*> AreaResult::done_above() const {
    std::vector<const CriterionResult*> out;
    for (std::size_t l = static_cast<std::size_t>(level); scored && l < levels.size(); ++l)
        for (const auto& c : levels[l].criteria)
            if (is_met(c)) out.push_back(&c);
    return out;
}

bool AreaResult::next_level_unknown() const {
    return scored && level < 5 && static_cast<std::size_t>(level) < levels.size() &&
           levels[static_cast<std::size_t>(level)].unknown();
}

namespace {

/// Calls f(question index, its answer or nullptr) for each question in order. Answers are kept in
/// questionnaire order, so one walk over both lists pairs them; answers built in another order are
/// looked up by key.
template <class F>
void for_each_answer(const RuleSet& rules, const AnswerNode* answers, F&& f) {
    static const decltype(AnswerNode::members) none;
    const auto& members = answers ? answers->members : none;
    const auto& questions = rules.questions;
    std::array<const AnswerNode*, 64> inline_found;  // one walk pairs them; f is called once it is known to hold
    std::vector<const AnswerNode*> heap_found;
    if (questions.size() > inline_found.size()) heap_found.resize(questions.size());
    const AnswerNode** found = heap_found.empty() ? inline_found.data() : heap_found.data();
    std::size_t next = 0;
    for (std::size_t q = 0; q < questions.size(); ++q) {
        const bool pairs = next < members.size() && members[next].first == questions[q].id;
        found[q] = pairs ? &members[next++].second : nullptr;
    }
    const bool in_order = next == members.size();
    for (std::size_t q = 0; q < questions.size(); ++q) f(q, in_order ? found[q] : answers->member(questions[q].id));
}

}  // namespace

AreaEnvironment::AreaEnvironment(const RuleSet& rules, const AnswerNode* answers, const Profile& profile,
                                 const std::map<std::string, Value>& facts, Caller caller)
    : rules_(rules), answers_(answers), profile_(profile), facts_(facts), caller_(std::move(caller)) {
    static const Value unknown;
    const std::size_t n = rules.slot_names.size();
    if (n > inline_slots_.size()) heap_slots_.resize(n);
    const Value** slots = n > inline_slots_.size() ? heap_slots_.data() : inline_slots_.data();
    std::fill(slots, slots + n, &unknown);
    const std::size_t questions = rules.questions.size();
    if (questions > inline_states_.size()) heap_states_.resize(questions);
    states_ = questions > inline_states_.size() ? heap_states_.data() : inline_states_.data();
    std::fill(states_, states_ + questions, QuestionState::unanswered);
    for_each_answer(rules, answers, [&](std::size_t q, const AnswerNode* a) {  // a question's slot is its index
        if (!a) return;
        states_[q] = a->not_applicable() ? QuestionState::not_applicable : QuestionState::answered;
        slots[q] = &a->value;  // unknown when 該当なし
    });
    // Facts: both lists are sorted by name, so a merge binds them without lookups.
    auto fact = facts.begin();
    for (const auto& [name, slot] : rules.fact_slots) {
        while (fact != facts.end() && fact->first < name) ++fact;
        if (fact == facts.end()) break;
        if (fact->first == name) slots[slot] = &fact->second;
    }
    for (std::size_t k = 0; k < profile_values_.size(); ++k) {
        profile_values_[k] = profile_value(profile, k);
        if (rules.profile_slots[k] >= 0) slots[rules.profile_slots[k]] = &profile_values_[k];
    }
    bind_slots(slots, n);
    // Skip logic, top to bottom: an ask_if reads only earlier questions, settled by then. Only a
    // false condition skips; an unknown one (its inputs unanswered) still asks the question. All
    // conditions run in one pass; one that reads a question skipped above it is tested again.
    const std::size_t asks = rules.skip_questions.size();
    if (asks == 0) return;
    std::array<signed char, 64> inline_truths;
    std::vector<signed char> heap_truths(asks > inline_truths.size() ? asks : 0);
    signed char* truths = heap_truths.empty() ? inline_truths.data() : heap_truths.data();
    rules.skip_conditions.test(*this, truths);
    bool skipped_any = false;
    for (std::size_t k = 0; k < asks; ++k) {
        const std::size_t q = rules.skip_questions[k];
        const Expression& ask_if = *rules.questions[q].ask_if;
        int truth = truths[k];
        if (skipped_any && std::any_of(ask_if.slots().begin(), ask_if.slots().end(), [&](int s) {
                return s >= 0 && static_cast<std::size_t>(s) < questions && states_[s] == QuestionState::skipped;
            }))
            truth = ask_if.test(*this);
        if (truth != 0) continue;
        if (states_[q] != QuestionState::unanswered) ignored_.push_back(q);
        states_[q] = QuestionState::skipped;
        slots[q] = &unknown;
        skipped_any = true;
    }
}

std::optional<AnswerNode> without_skipped_answers(const RuleSet& rules, const AnswerNode* answers, const Profile& profile) {
    if (rules.skip_questions.empty() || !answers) return std::nullopt;
    const std::map<std::string, Value> no_facts;
    const AreaEnvironment env(rules, answers, profile, no_facts, nullptr);
    if (env.ignored_answers().empty()) return std::nullopt;
    AnswerNode asked = *answers;
    std::erase_if(asked.members, [&](const auto& member) {
        return std::any_of(env.ignored_answers().begin(), env.ignored_answers().end(),
                           [&](std::size_t q) { return rules.questions[q].id == member.first; });
    });
    return asked;
}

Value AreaEnvironment::lookup(const std::string& name) const {
    if (rules_.find_question(name)) {
        const AnswerNode* n = answers_ ? answers_->member(name) : nullptr;
        return n ? n->value : Value{};
    }
    if (const auto it = facts_.find(name); it != facts_.end()) return it->second;
    for (std::size_t k = 0; k < profile_fields().size(); ++k)
        if (name == profile_fields()[k].name) return profile_value(profile_, k);
    return {};
}

Value AreaEnvironment::call(const std::string& function, const std::vector<Value>& args) const {
    return caller_ ? caller_(function, args) : Value{};
}

namespace {

int severity_rank(Severity s) { return static_cast<int>(s); }

/// Why a condition came out undecided: an unanswered question it reads, or else only inputs that
/// are 該当なし (not applicable) or not asked (a skipped question counts as "not in place").
enum class Undecided { unanswered, not_applicable, not_asked };

Undecided why_undecided(const Expression& e, const AreaEnvironment& env, std::size_t questions) {
    bool not_applicable = false, not_asked = false;
    for (const int slot : e.slots()) {
        if (slot < 0 || static_cast<std::size_t>(slot) >= questions) continue;  // a fact or profile field
        switch (env.state(static_cast<std::size_t>(slot))) {
            case AreaEnvironment::QuestionState::unanswered: return Undecided::unanswered;
            case AreaEnvironment::QuestionState::not_applicable: not_applicable = true; break;
            case AreaEnvironment::QuestionState::skipped: not_asked = true; break;
            case AreaEnvironment::QuestionState::answered: break;
        }
    }
    return not_applicable ? Undecided::not_applicable : not_asked ? Undecided::not_asked : Undecided::unanswered;
}

Value outcome(int truth) { return truth < 0 ? Value{} : Value{truth == 1}; }

std::string percent(double d) {
    const double p = std::round(d * 1000.0) / 10.0;
    std::string s = std::to_string(p);
    s.erase(s.find('.') + 2);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.erase(s.size() - 2);
    return s + "%";
}

Text display(const Value& v, const Question* q) {
    Text t{to_display(v, false), to_display(v, true)};
    if (!q || !is_known(v)) return t;
    const auto label = [&](const std::string& id) {
        const Choice* c = q->find_choice(id);
        return c ? c->label : Text{id, id};
    };
    if (const auto* s = std::get_if<std::string>(&v)) return label(*s);
    if (const auto* l = std::get_if<StringList>(&v)) {
        Text out;
        for (const auto& id : *l) {
            const Text one = label(id);
            out.ja += (out.ja.empty() ? "" : "、") + one.ja;
            out.en += (out.en.empty() ? "" : ", ") + one.en;
        }
        if (l->empty()) out = {"（なし）", "(none)"};
        return out;
    }
    if (q->type == QuestionType::ratio) {
        const std::string p = percent(std::get<double>(v));
        return {p, p};
    }
    return t;
}

std::vector<Input> inputs_of(const Expression& e, const RuleSet& rules, const Environment& env,
                             const std::map<std::string, Text>& fact_labels) {
    std::vector<Input> out;
    for (std::size_t k = 0; k < e.names().size(); ++k) {
        const std::string& name = e.names()[k];
        const Question* q = rules.find_question(name);
        const Value* v = env.slot(e.slots()[k]);
        Input in{name, {}, v ? *v : env.lookup(name), {}};
        in.display = display(in.value, q);
        if (!q && rules.percent_facts.count(name) && std::holds_alternative<double>(in.value)) {
            const std::string p = percent(std::get<double>(in.value));
            in.display = {p, p};
        }
        if (q) {
            in.label = q->text;
        } else if (const auto it = fact_labels.find(name); it != fact_labels.end()) {
            in.label = it->second;
        } else {
            for (const auto& f : profile_fields())
                if (name == f.name) in.label = f.label;
        }
        out.push_back(std::move(in));
    }
    return out;
}

}  // namespace

AreaResult score_area(const RuleSet& rules, const AreaEnvironment& env,
                      const std::map<std::string, Text>& fact_labels, bool explain) {
    AreaResult r;
    r.area = rules.area;
    r.title = rules.title;
    r.rules_version = rules.version;
    r.scored = true;
    using State = AreaEnvironment::QuestionState;
    for (std::size_t q = 0; q < rules.questions.size(); ++q) {
        const Question& question = rules.questions[q];
        const State state = env.state(q);
        if (state == State::skipped) {
            r.skipped.push_back(&question);
            continue;
        }
        ++r.question_count;
        if (question.required) ++r.required_asked;
        if (state != State::unanswered) {
            ++r.answered;
            continue;
        }
        r.unanswered.push_back(&question);
        if (question.required) r.missing_required.push_back(&question);
    }
    for (const std::size_t q : env.ignored_answers()) r.ignored.push_back(&rules.questions[q]);
    const std::size_t questions = rules.questions.size();

    // Every criterion and check in one pass (RuleSet::conditions: criteria in level order, then checks).
    std::array<signed char, 256> inline_truths;
    std::vector<signed char> heap_truths;
    if (rules.conditions.size() > inline_truths.size()) heap_truths.resize(rules.conditions.size());
    signed char* const truths = heap_truths.empty() ? inline_truths.data() : heap_truths.data();
    rules.conditions.test(env, truths);
    std::size_t next_truth = 0;

    r.levels.reserve(rules.levels.size());
    for (const auto& level : rules.levels) {
        LevelResult& lr = r.levels.emplace_back(LevelResult{level.level, {}, level.source, level.caveat, level.name});
        lr.criteria.reserve(level.criteria.size());
        for (const auto& c : level.criteria) {
            int truth = truths[next_truth++];
            const Undecided why = truth < 0 ? why_undecided(c.when, env, questions) : Undecided::unanswered;
            if (truth < 0 && why == Undecided::not_asked) truth = 0;
            lr.criteria.push_back({c.id, c.text, c.when.source(), outcome(truth),
                                   explain ? inputs_of(c.when, rules, env, fact_labels) : std::vector<Input>{},
                                   !(truth < 0 && why == Undecided::not_applicable)});
        }
    }
    // Cumulative: level N needs every level below it. An unknown never counts as met.
    r.level = 0;
    for (const auto& lr : r.levels) {
        if (!lr.holds()) break;
        r.level = lr.level;
    }
    // Partial credit (docs/scoring.md): each level is worth 20 points, in proportion to its
    // applicable criteria met, whether or not the levels below it hold; a level that holds is worth
    // all 20. So work done above the reached level shows, and only level 5 scores 100.
    double credit = 0;
    for (const auto& lr : r.levels)
        credit += lr.holds() ? 20.0 : 20.0 * lr.met() / lr.applicable();
    r.score = static_cast<int>(std::floor(credit + 1e-9));

    std::vector<const Check*> fired;
    for (const auto& check : rules.checks) {
        const int t = truths[next_truth++];
        if (t == 1) {
            fired.push_back(&check);
        } else if (t < 0) {
            const Undecided why = why_undecided(check.when, env, questions);
            if (why == Undecided::unanswered) r.unchecked.push_back(check.id);
            else if (why == Undecided::not_applicable) r.not_applicable_checks.push_back(check.id);
        }
    }
    // Most severe first, rule order among equals.
    std::stable_sort(fired.begin(), fired.end(),
                     [](const Check* a, const Check* b) { return severity_rank(a->severity) < severity_rank(b->severity); });
    r.findings.reserve(fired.size());
    for (const Check* c : fired)
        r.findings.push_back({c->id, c->severity, c->title, c->advice, c->source, c->caveat,
                              explain ? inputs_of(c->when, rules, env, fact_labels) : std::vector<Input>{}});
    return r;
}

OverallResult combine(const Model& model, const std::vector<AreaResult>& areas) {
    OverallResult o;
    double weight_sum = 0, score_sum = 0, level_sum = 0;
    const AreaResult* best = nullptr;
    const AreaResult* worst = nullptr;
    for (const auto& a : areas) {
        if (!a.scored || !a.complete()) {
            o.complete = false;
            continue;
        }
        // Only the model's areas make the index: the same measure for every government, comparable
        // nationally. An area a vendor or the municipality adds is reported on its own.
        const AreaWeight* w = model.find_area(a.area);
        if (!w) continue;
        ++o.assessed;
        const double weight = w->weight;
        weight_sum += weight;
        score_sum += weight * a.score;
        level_sum += weight * a.level;
        if (!best || a.score > best->score) best = &a;
        if (!worst || a.score < worst->score) worst = &a;
    }
    if (weight_sum > 0) {
        o.index = std::round(score_sum / weight_sum * 10.0) / 10.0;
        o.mean_level = std::round(level_sum / weight_sum * 10.0) / 10.0;
        o.level = static_cast<int>(std::floor(level_sum / weight_sum + 1e-9));
    }
    if (best) o.strongest = best->area;
    if (worst) o.weakest = worst->area;
    return o;
}

std::vector<Action> rank_actions(const std::vector<AreaResult>& areas, const std::map<std::string, int>& targets) {
    struct Key {
        int severity, below_target, score, area_index, finding_index;
    };
    std::vector<std::pair<Key, Action>> all;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        const AreaResult& r = areas[a];
        if (!r.scored) continue;
        const auto t = targets.find(r.area);
        const int below = t == targets.end() ? 0 : std::max(0, t->second - r.level);
        for (std::size_t f = 0; f < r.findings.size(); ++f)
            all.push_back({Key{severity_rank(r.findings[f].severity), -below, r.score, static_cast<int>(a), static_cast<int>(f)},
                           Action{0, r.area, &r.findings[f]}});
    }
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
        const Key& a = x.first;
        const Key& b = y.first;
        return std::tie(a.severity, a.below_target, a.score, a.area_index, a.finding_index) <
               std::tie(b.severity, b.below_target, b.score, b.area_index, b.finding_index);
    });
    std::vector<Action> out;
    for (auto& [key, action] : all) {
        action.rank = static_cast<int>(out.size()) + 1;
        out.push_back(action);
    }
    return out;
}

}  // namespace dxassess::engine
