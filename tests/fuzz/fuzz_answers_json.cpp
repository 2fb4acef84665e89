// Answers as JSON (batch lines, stored answer sets) against the shipped rule sets, both paths:
// whatever the fast path (simdjson, straight into Answers) accepts, the checked path (nlohmann →
// TOML tree → the answers-file rules) must accept with the same values. Also read as one line of
// a JSON-lines file, whose errors must stay on that line.
#include "answers_canonical.hpp"
#include "answers_json_fast.hpp"
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

#include <optional>

using namespace dxassess;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::as_text(data, size);
    const auto& schema = fuzz::shipped_rules().schema;
    std::optional<engine::Answers> fast;
    try {
        fast = engine::read_valid_answers_json(text, "line.json", schema);
    } catch (...) {
        __builtin_trap();  // the fast path declines, it never throws
    }
    try {
        const engine::Answers checked = engine::parse_answers_json_checked(text, engine::Location{"line.json"}, schema);
        if (fast && engine::canonical(*fast) != engine::canonical(checked)) __builtin_trap();
    } catch (const engine::InputError& e) {
        if (fast) __builtin_trap();  // the fast path took answers the checked path refuses
        fuzz::check_diagnostics(e, "line.json");
    }
    try {
        (void)engine::parse_answers_json(text, engine::Location{"batch.jsonl", 7, 0}, schema);
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, "batch.jsonl");
        if (text.find('\n') == std::string::npos)  // a line of a JSON-lines file: every problem on line 7
            for (const auto& d : e.diagnostics())
                if (d.where.line != 7 && d.where.line != 0) __builtin_trap();
    }
    return 0;
}
