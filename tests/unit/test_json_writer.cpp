// The JSON report is written directly (support/json_writer.hpp) and must be byte for byte what
// nlohmann::json's dump(2) gave when it was built as a tree: readers, signatures over its minified
// form and the office's scripts were all made against that form.
#include "test_support.hpp"

#include "assessment/assessment.hpp"
#include "reports/report.hpp"
#include "support/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

using dxassess::host::JsonWriter;
using json = nlohmann::ordered_json;

namespace {

std::string dumped(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

void write_sample(JsonWriter& w) {
    w.begin_object();
    w.field("text", "日本語 \"quoted\" back\\slash\ttab\x01").field("empty", "");
    w.key("bad utf-8").value(std::string("ok\xff\xfe end \xe3\x81"));  // invalid bytes and a cut sequence
    w.field("int", std::int64_t{-42}).field("max", std::numeric_limits<std::int64_t>::max()).field("min", std::numeric_limits<std::int64_t>::min());
    w.field("yes", true).field("no", false).key("nothing").null();
    w.key("numbers").begin_array();
    for (const double d : {0.0, -0.0, 1.0, 0.1, 62.5, 1e14, 1e15, 1e-4, 1e-5, 3.1322315702267408e16, 1e300, 5e-324})
        w.value(d);
    w.end_array();
    w.key("empty object").begin_object().end_object();
    w.key("empty array").begin_array().end_array();
    w.key("nested").begin_array().begin_object().field("a", 1).key("b").begin_array().value("x").end_array().end_object().begin_array().end_array().end_array();
    w.field("list", std::vector<std::string>{"a", "い"});
    w.end_object();
}

}  // namespace

TEST_CASE("the JSON writer writes what nlohmann::json dumps, indented and on one line", "[json]") {
    for (const int indent : {2, -1}) {
        INFO("indent " << indent);
        JsonWriter w(indent);
        write_sample(w);
        // Parsed back (invalid UTF-8 already replaced by then) and dumped again: the same bytes.
        CHECK(w.text() == dumped(json::parse(w.text()), indent));
    }
    JsonWriter pretty(2);
    write_sample(pretty);
    CHECK_THAT(pretty.text(), Catch::Contains("\"bad utf-8\": \"ok\xef\xbf\xbd\xef\xbf\xbd end \xef\xbf\xbd\""));
    CHECK_THAT(pretty.text(), Catch::Contains("\"empty object\": {},\n  \"empty array\": []"));
    CHECK_THAT(pretty.text(), Catch::Contains("100000000000000.0,\n    1e+15,\n    0.0001,\n    1e-05,\n    3.1322315702267408e+16"));
    CHECK(JsonWriter(-1).begin_array().end_array().text() == "[]");
}

TEST_CASE("the JSON report is the bytes its tree would dump", "[json][report]") {
    using namespace dxassess::host;
    SearchPaths paths;
    paths.plugin_dirs = {DXASSESS_STAGE_PLUGIN_DIR};
    paths.official_manifest = DXASSESS_STAGE_MANIFEST;
    paths.rules_dirs = {std::string(DXASSESS_SOURCE_DIR) + "/rules"};
    const Installation inst(paths);
    for (const char* sample : {"sample-city", "sample-large-city", "sample-small-town", "sample-village"}) {
        INFO(sample);
        const Assessment a = assess(inst, std::string(DXASSESS_SOURCE_DIR) + "/rules/samples/" + sample + ".toml");
        const ReportMeta meta{"2026-12-03T00:00:00Z", "answers.toml", nullptr};
        const std::string text = render_json(a, meta);
        REQUIRE(text.size() > 10000);
        CHECK(text == dumped(json::parse(text), 2) + "\n");
        const json j = json::parse(text);
        CHECK(j["municipality"]["code"] == a.answers.profile.code);
        CHECK(j["areas"].size() == a.areas.size());
        CHECK(j["overall"]["index"].get<double>() == a.overall.index);
    }
}
