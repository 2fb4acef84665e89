// Bilingual user-facing text: Japanese first, English available.
#pragma once

#include <string>

namespace dxassess::engine {

enum class Lang { ja, en };

struct Text {
    std::string ja;
    std::string en;

    const std::string& in(Lang lang) const { return lang == Lang::en && !en.empty() ? en : ja; }
    bool empty() const { return ja.empty() && en.empty(); }
};

}  // namespace dxassess::engine
