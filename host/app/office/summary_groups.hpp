// The ways `summary` groups governments: by prefecture, population band, kind of government or
// 類似団体区分. Each group has a stable machine key (CSV and JSON), a name in both languages and a
// place in a natural order (prefectures by number, bands by population, peer groups as 総務省 lists them).
#pragma once

#include "office/report_store.hpp"

#include "dxassess/engine/text.hpp"

#include <string>

namespace dxassess::host {

struct GroupKey {
    std::string key;     // e.g. "14", "10k_50k", "town_2_1"
    engine::Text label;  // e.g. 神奈川県, 1万〜5万人, 町村Ⅱ-1
    int order = 0;
};

/// The group of `report` when grouping `by` prefecture | population-band | type | peer-group.
GroupKey group_of(const std::string& by, const StoredReport& report);

/// Means of fewer governments than this are not shown: they would point at a single government.
constexpr int min_group_size = 3;

}  // namespace dxassess::host
