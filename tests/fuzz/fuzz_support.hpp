// Shared by the fuzz targets: the shipped rule sets they check input against, and a private
// scratch file for the loaders that take a path. Targets are built by the `fuzz` preset
// (clang, -fsanitize=fuzzer,address,undefined); docs/fuzzing.md says how to run them.
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/rule_set.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::fuzz {

/// The shipped reference figures and every shipped rule set that loads without plugin-declared
/// facts (the generic areas: eltax, frontyard, governance, ...), loaded once. Aborts when none
/// loads, so a target never silently fuzzes against an empty schema.
struct ShippedRules {
    engine::ReferenceData reference;
    std::vector<std::unique_ptr<engine::RuleSet>> rule_sets;
    engine::AnswerSchema schema;
};
const ShippedRules& shipped_rules();

/// The fuzzer's bytes as text.
inline std::string as_text(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

/// A file in a private directory (mode 0700, removed at exit), for loaders that read a path.
class ScratchFile {
public:
    explicit ScratchFile(const std::string& name);
    /// Replaces the file's content; returns its path.
    const std::string& write(std::string_view content);
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace dxassess::fuzz
