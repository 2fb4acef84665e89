// The common model file: level names and area weights.
#include "test_support.hpp"

#include "dxassess/engine/model.hpp"

#include <fstream>
#include <iterator>

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

TEST_CASE("a model read from text names the file it came from and checks what the file would", "[model][errors]") {
    // The installation reads the model once, hashes those bytes for the report and parses the same bytes.
    const std::string path = std::string(DXASSESS_SOURCE_DIR) + "/rules/model.toml";
    const Model from_file = load_model(path);
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Model from_text = parse_model(text, path);
    CHECK(from_text.path == path);
    CHECK(from_text.version == from_file.version);
    CHECK(from_text.areas.size() == from_file.areas.size());
    CHECK(from_text.level_name(3).ja == from_file.level_name(3).ja);

    const InputError bad_utf8 = test::input_error([&] { (void)parse_model("version = \"1\xff\"\n", "model.toml"); });
    CHECK(test::has_diagnostic(bad_utf8, 1, 13, "invalid UTF-8"));
    const InputError syntax = test::input_error([&] { (void)parse_model("version = \n", "model.toml"); });
    CHECK(syntax.diagnostics().front().where.file == "model.toml");
    CHECK(syntax.diagnostics().front().where.line == 1);
}
