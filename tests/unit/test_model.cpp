// The common model file: level names and area weights.
#include "test_support.hpp"

#include "dxassess/engine/model.hpp"

using namespace dxassess::engine;

TEST_CASE("the shipped model names levels 0..5 and the six priority areas", "[model]") {
    const Model m = load_model(std::string(DXASSESS_SOURCE_DIR) + "/rules/model.toml");
    REQUIRE(m.levels.size() == 6);
    CHECK(m.level_name(0).ja == "未着手");
    CHECK(m.level_name(5).en == "Optimising");
    REQUIRE(m.areas.size() == 6);
    for (const char* area : {"standardization", "mynumber", "online", "ai_rpa", "telework", "security"})
        CHECK(m.find_area(area) != nullptr);
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
