// Integers read from JSON that someone else wrote: reports, plugin descriptions, a plugin child's
// results. nlohmann's get<int>() converts a float with a plain cast, so 2.5 silently becomes 2 and
// 1e40 is undefined behaviour, and a negative number wraps into an unsigned type. json_integer<T>
// accepts only an integer within T's range; anything else throws nlohmann's own type_error or
// out_of_range, which the callers already word as "not a valid report" (or plugin, or result).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

namespace dxassess::host {

template <class T, class Json>
T json_integer(const Json& v) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
    if (v.is_number_unsigned()) {
        if (const auto u = v.template get<std::uint64_t>(); std::in_range<T>(u)) return static_cast<T>(u);
    } else if (v.is_number_integer()) {
        if (const auto i = v.template get<std::int64_t>(); std::in_range<T>(i)) return static_cast<T>(i);
    } else {
        throw Json::type_error::create(302, std::string("type must be an integer, but is ") + v.type_name(), &v);
    }
    throw Json::out_of_range::create(406, "integer " + v.dump() + " is out of range", &v);
}

/// As obj.value(key, fallback) does: the fallback when the object has no such key.
template <class T, class Json>
T json_integer_or(const Json& obj, const char* key, T fallback) {
    if (!obj.is_object()) throw Json::type_error::create(306, std::string("cannot read a key of ") + obj.type_name(), &obj);
    const auto it = obj.find(key);
    return it == obj.end() ? fallback : json_integer<T>(*it);
}

}  // namespace dxassess::host
