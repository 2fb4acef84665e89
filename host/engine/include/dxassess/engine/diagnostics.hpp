// Positions and errors in user input (rule sets, answers, model files).
#pragma once

#include "dxassess/engine/text.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::engine {

/// A place in an input file. line/column are 1-based and count Unicode code points; 0 = unknown.
struct Location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    /// "file:line:column", leaving out what is unknown.
    std::string str() const;
};

struct Diagnostic {
    Location where;
    Text message;

    /// "file:line:column: message" in the requested language.
    std::string format(Lang lang) const;
};

/// At most this many diagnostics are kept (in file order); one more line then counts the rest.
inline constexpr std::size_t max_reported_diagnostics = 100;

/// Invalid input: one or more diagnostics, each tied to a place. Maps to exit code 2.
class InputError : public std::exception {
public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    InputError(Location where, Text message);

    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
    /// All diagnostics, one per line.
    std::string format(Lang lang) const;
    const char* what() const noexcept override { return what_.c_str(); }

private:
    std::vector<Diagnostic> diagnostics_;
    std::string what_;
};

/// The error for a file over a size limit (`size` 0 when it is only known to be over).
InputError file_too_large(const std::string& path, std::uintmax_t size, std::uintmax_t limit);

/// Levenshtein distance in code points; used for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// The closest candidate to `name` when it is close enough to be a likely typo, else "".
std::string closest_match(const std::string& name, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" / "（'x' の誤りですか？）" or empty text when there is no close candidate.
Text did_you_mean(const std::string& name, const std::vector<std::string>& candidates);

/// Whether `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace dxassess::engine
