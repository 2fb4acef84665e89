// The national office's groupings and its map of Japan (office/summary_groups.hpp, prefectures.hpp).
#include "office/prefectures.hpp"
#include "office/summary_groups.hpp"

#include "dxassess/engine/benchmark.hpp"
#include "dxassess/engine/rule_set.hpp"

#include "test_support.hpp"

#include <set>

using namespace dxassess::host;

namespace {

StoredReport government(const std::string& code, long long population, const std::string& type = "city", const std::string& peer = "") {
    StoredReport r;
    r.code = code;
    r.population = population;
    r.type = type;
    r.peer_group = peer;
    return r;
}

}  // namespace

TEST_CASE("the tile map has 47 prefectures, each on its own tile", "[office]") {
    const auto& all = prefectures();
    REQUIRE(all.size() == 47);
    std::set<std::pair<int, int>> places;
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].number == static_cast<int>(i) + 1);
        places.insert({all[i].column, all[i].row});
    }
    CHECK(places.size() == 47);
    CHECK(std::string(prefecture_of_code("142018")->name) == "神奈川県");
    CHECK(prefecture_of_code("482018") == nullptr);
    CHECK(find_prefecture("13") == find_prefecture("東京都"));
    CHECK(find_prefecture("東京") == find_prefecture("Tokyo"));
    CHECK(find_prefecture("48") == nullptr);
    // Neighbours stay neighbours: 北海道 above 青森, 沖縄 below 鹿児島's row.
    CHECK(all[0].column == all[1].column);
    CHECK(all[0].row < all[1].row);
    CHECK(all[46].row > all[45].row);
}

TEST_CASE("groups have stable keys, Japanese names and their natural order", "[office]") {
    const GroupKey small = group_of("population-band", government("011002", 9'999));
    const GroupKey mid = group_of("population-band", government("011002", 10'000));
    const GroupKey big = group_of("population-band", government("011002", 1'000'000));
    CHECK(small.key == "under_10k");
    CHECK(small.label.ja == "1万人未満");
    CHECK(mid.key == "10k_50k");
    CHECK(big.key == "1m_plus");
    CHECK(small.order < mid.order);
    CHECK(mid.order < big.order);

    const GroupKey pref = group_of("prefecture", government("142018", 1));
    CHECK(pref.key == "14");
    CHECK(pref.label.ja == "神奈川県");
    CHECK(pref.order == 14);

    const GroupKey town = group_of("peer-group", government("011002", 1, "town", "town_2_1"));
    const GroupKey designated = group_of("peer-group", government("011002", 1, "designated_city", "designated_city"));
    CHECK(town.label.ja == "町村Ⅱ-1");
    CHECK(designated.order < town.order);
    CHECK(group_of("peer-group", government("010006", 1, "prefecture")).key == "none");
    CHECK(group_of("type", government("010006", 1, "")).key == "prefecture");  // a prefecture's code ends in 000 + check digit
}

TEST_CASE("a benchmark file's own peer group replaces the national means and names itself", "[office][benchmark]") {
    test::TempDir dir;
    const std::string file = dir.file("bm.toml", R"([benchmark]
name_ja = "全国平均"
name_en = "National mean"
year = 2025
source = "test"

[levels]
telework = 2.0

[peer_groups.town_2_1]
n = 12
[peer_groups.town_2_1.levels]
telework = 3.5
)");
    const std::vector<std::string> areas{"telework"};
    const auto national = dxassess::engine::load_benchmark(file, areas);
    CHECK(national.levels.at("telework") == 2.0);
    CHECK(national.peer_group.empty());
    const auto own = dxassess::engine::load_benchmark(file, areas, "town_2_1");
    CHECK(own.levels.at("telework") == 3.5);
    CHECK(own.name.ja == "類似団体区分「町村Ⅱ-1」の平均（12 団体）");
    CHECK(own.n == 12);
    const auto other = dxassess::engine::load_benchmark(file, areas, "city_1_0");  // not in the file: the national means
    CHECK(other.levels.at("telework") == 2.0);
    CHECK(other.name.ja == "全国平均");

    const std::string bad = dir.file("bad.toml", "[benchmark]\nname_ja = \"x\"\nname_en = \"x\"\nyear = 2025\nsource = \"x\"\n[levels]\ntelework = 1.0\n[peer_groups.town_9_9]\nn = 3\n");
    try {
        dxassess::engine::load_benchmark(bad, areas);
        FAIL("accepted an unknown peer group");
    } catch (const dxassess::engine::InputError& e) {
        CHECK(e.format(dxassess::engine::Lang::en).find("bad.toml:8:1: unknown peer group 'town_9_9'") != std::string::npos);
    }
}
