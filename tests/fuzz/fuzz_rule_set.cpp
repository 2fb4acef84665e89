// The rule-set loader: TOML syntax, every field's type and range, conditions (parsed and
// type-checked against the rule set's own questions and the shipped reference figures), texts.
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

using namespace dxassess;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& shipped = fuzz::shipped_rules();
    try {
        const engine::RuleSet rs = engine::parse_rule_set(fuzz::as_text(data, size), "fuzz.toml", {}, "", &shipped.reference);
        // A rule set that loads can check answers: its own empty answers file must give errors, not crash.
        (void)engine::parse_answers("[profile]\n", "answers.toml", engine::AnswerSchema{{&rs}, {}});
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, e.diagnostics().front().where.file == "answers.toml" ? "answers.toml" : "fuzz.toml");
    }
    return 0;
}
