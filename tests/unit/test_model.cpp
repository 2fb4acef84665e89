// The common model file: level names and area weights.
#include "test_support.hpp"

#include "dxassess/engine/model.hpp"

using namespace dxassess::engine;

TEST_CASE("the shipped model follows the current plan: its edition, 推進体制 and the seven priority areas", "[model]") {
    const Model m = load_model(std::string(DXASSESS_SOURCE_DIR) + "/rules/model.toml");
    REQUIRE(m.levels.size() == 6);
    CHECK(m.level_name(0).ja == "未着手");
    CHECK(m.level_name(5).en == "Optimising");
    // E7: the plan has had seven 重点取組事項 since the 2023 revision, フロントヤード改革 first; the model says
    // which edition it implements. 行政手続のオンライン化 stays an area so earlier answers keep their meaning.
    CHECK(m.plan.edition.version == "第2.3版");
    CHECK(m.plan.edition.date == Date{2024, 2, 5});
    CHECK_FALSE(m.plan.caveat.ja.empty());
    REQUIRE(m.areas.size() == 9);
    std::vector<std::string> order;
    for (const auto& a : m.areas) order.push_back(a.area);
    CHECK(order == std::vector<std::string>{"governance", "frontyard", "online", "standardization", "eltax", "mynumber",
                                            "security", "ai_rpa", "telework"});
}

TEST_CASE("a malformed model is reported with its place", "[model][errors]") {
    test::TempDir dir;
    const std::string path = dir.file("model.toml",
        "version = \"1\"\n"
        "levels = [ { level = 0, ja = \"a\", en = \"a\" }, { level = 0, ja = \"b\", en = \"b\" } ]\n"
        "[[areas]]\n"
        "id = \"x\"\n"
        "ja = \"x\"\n"
        "en = \"x\"\n"
        "weight = -1\n");
    const InputError e = test::input_error([&] { (void)load_model(path); });
    INFO(e.format(Lang::en));
    CHECK(test::has_diagnostic(e, 2, 57, "levels 0..5 must each be defined once"));
    CHECK(test::has_diagnostic(e, 7, 10, "weight must be in (0, 100]"));
}
