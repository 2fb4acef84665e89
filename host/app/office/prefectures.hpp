// The 47 prefectures (JIS X 0401 order, the first two digits of a 全国地方公共団体コード) with their
// place on the dashboard's tile map.
#pragma once

#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::host {

struct Prefecture {
    int number;          // 1..47
    const char* name;    // 北海道, 青森県, ...
    const char* short_name;  // 北海道, 青森, ... (for map tiles)
    const char* english;
    int column, row;     // tile position: east is right, north is up
};

/// All 47, by number.
const std::vector<Prefecture>& prefectures();
/// The prefecture of a code ("14xxxx" → 神奈川県), or null.
const Prefecture* prefecture_of_code(const std::string& code);
/// A prefecture by number ("14", "1") or name (神奈川県, 神奈川, Kanagawa), or null.
const Prefecture* find_prefecture(const std::string& written);

}  // namespace dxassess::host
