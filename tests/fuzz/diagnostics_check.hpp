// The contract every loader's errors keep, checked on each input the fuzzers try: at least one
// diagnostic, none beyond the cap (plus the line that counts the rest), each naming the input,
// worded in both languages. A breach traps, so libFuzzer records the input.
#pragma once

#include "dxassess/engine/diagnostics.hpp"

#include <string>

namespace dxassess::fuzz {

inline void check_diagnostics(const engine::InputError& e, const std::string& file_prefix) {
    const auto& all = e.diagnostics();
    if (all.empty() || all.size() > engine::max_reported_diagnostics + 1) __builtin_trap();
    for (const auto& d : all) {
        if (d.where.file.compare(0, file_prefix.size(), file_prefix) != 0) __builtin_trap();
        if (d.message.ja.empty() || d.message.en.empty()) __builtin_trap();
    }
}

}  // namespace dxassess::fuzz
