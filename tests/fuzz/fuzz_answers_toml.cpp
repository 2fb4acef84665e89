// Answers files (TOML) against the shipped rule sets: the checked loader, and the layout reader
// that `init` uses to add new questions without rewriting what the user wrote.
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

using namespace dxassess;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::as_text(data, size);
    const auto& shipped = fuzz::shipped_rules();
    try {
        (void)engine::parse_answers(text, "answers.toml", shipped.schema);
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, "answers.toml");
    }
    try {
        const engine::AnswerFileLayout layout = engine::read_answer_layout(text, "answers.toml");
        for (const auto& section : layout.sections)
            for (const auto& key : section.keys)
                if (key.line == 0 || key.end_line < key.line) __builtin_trap();  // lines init would insert at
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, "answers.toml");
    }
    return 0;
}
