#include "office/summary_groups.hpp"

#include "office/prefectures.hpp"

#include "dxassess/engine/rule_set.hpp"

namespace dxassess::host {
namespace {

GroupKey by_prefecture(const StoredReport& r) {
    const Prefecture* p = prefecture_of_code(r.code);
    if (!p) return {"00", {"不明", "unknown"}, 99};
    char key[3];
    std::snprintf(key, sizeof key, "%02d", p->number);
    return {key, {p->name, p->english}, p->number};
}

GroupKey by_population(long long population) {
    static const struct {
        long long below;
        const char* key;
        const char* ja;
        const char* en;
    } bands[] = {{10'000, "under_10k", "1万人未満", "under 10k"},       {50'000, "10k_50k", "1万〜5万人", "10k–50k"},
                 {100'000, "50k_100k", "5万〜10万人", "50k–100k"},      {300'000, "100k_300k", "10万〜30万人", "100k–300k"},
                 {1'000'000, "300k_1m", "30万〜100万人", "300k–1M"},    {-1, "1m_plus", "100万人以上", "1M and over"}};
    int order = 0;
    for (const auto& b : bands) {
        ++order;
        if (b.below < 0 || population < b.below) return {b.key, {b.ja, b.en}, order};
    }
    return {"unknown", {"不明", "unknown"}, 99};
}

GroupKey by_type(const StoredReport& r) {
    std::string t = r.type;
    if (t.empty() && r.code.size() == 6 && r.code.substr(2, 3) == "000") t = "prefecture";
    static const struct {
        const char* key;
        const char* ja;
        const char* en;
    } kinds[] = {{"prefecture", "都道府県", "prefecture"}, {"designated_city", "指定都市", "designated city"}, {"city", "市", "city"},
                 {"special_ward", "特別区", "special ward"}, {"town", "町", "town"},                     {"village", "村", "village"}};
    int order = 0;
    for (const auto& k : kinds) {
        ++order;
        if (t == k.key) return {k.key, {k.ja, k.en}, order};
    }
    return {"unknown", {"不明", "unknown"}, 99};
}

GroupKey by_peer_group(const StoredReport& r) {
    const auto& groups = engine::peer_groups();
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].id == r.peer_group) return {groups[i].id, groups[i].label, static_cast<int>(i)};
    return {"none", {"区分なし（都道府県・未回答）", "none (prefectures, not given)"}, 999};
}

}  // namespace

GroupKey group_of(const std::string& by, const StoredReport& r) {
    if (by == "prefecture") return by_prefecture(r);
    if (by == "population-band") return by_population(r.population);
    if (by == "type") return by_type(r);
    return by_peer_group(r);
}

}  // namespace dxassess::host
