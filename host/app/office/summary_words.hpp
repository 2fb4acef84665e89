// Small helpers shared by the summary and its forms (text, CSV, HTML dashboard).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace dxassess::host {

/// `v` with exactly `decimals` digits after the point.
inline std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// A {"ja": ..., "en": ...} text of the summary's JSON in one language.
inline std::string in_lang(const nlohmann::ordered_json& text, bool en) { return text[en ? "en" : "ja"].get<std::string>(); }

}  // namespace dxassess::host
