// Values and types of the rule language. An empty Value means "unknown" (unanswered or undefined).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace dxassess::engine {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    /// Days since 1970-01-01 (proleptic Gregorian).
    std::int64_t serial() const;
    /// The date `days` after 1970-01-01 (the inverse of serial()).
    static Date from_serial(std::int64_t days);
    /// Whether year/month/day name a real calendar day.
    bool valid() const;
    /// "YYYY-MM-DD".
    std::string str() const;
    /// Parses "YYYY-MM-DD"; returns an invalid Date on failure.
    static Date parse(const std::string& s);

    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

enum class Type { unknown, boolean, integer, number, string, date, list };

const char* type_name(Type t);

using StringList = std::vector<std::string>;

/// A runtime value. std::monostate = unknown.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string, Date, StringList>;

inline bool is_known(const Value& v) { return !std::holds_alternative<std::monostate>(v); }
Type type_of(const Value& v);
/// A value as a person reads it ("true", "0.35", "2024-10-01", "[a, b]", "未回答"/"unanswered").
std::string to_display(const Value& v, bool english = false);

}  // namespace dxassess::engine
