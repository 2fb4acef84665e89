// Reports are written atomically: a failed write leaves the old file and no temporary behind.
#include "test_support.hpp"

#include "platform/atomic_file.hpp"

#include "dxassess/engine/file_path.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using dxassess::host::write_file_atomically;

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::size_t entries(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}
}  // namespace

TEST_CASE("a report replaces the old one in a single step", "[atomic]") {
    test::TempDir dir;
    const auto target = dir.path() / "report.json";
    write_file_atomically(target.string(), "old");
    write_file_atomically(target.string(), "new content");
    CHECK(slurp(target) == "new content");
    CHECK(entries(dir.path()) == 1);  // no temporary file left
}

TEST_CASE("a failed write leaves the old report untouched", "[atomic][errors]") {
    test::TempDir dir;
    const auto target = dir.path() / "report.json";
    write_file_atomically(target.string(), "old");
    // The target is a directory: the rename fails after the temporary file was written.
    const auto blocked = dir.path() / "blocked";
    std::filesystem::create_directory(blocked);
    std::filesystem::create_directory(blocked / "x");
    CHECK_THROWS_WITH(write_file_atomically(blocked.string(), "data"), Catch::Contains("rename failed"));
    CHECK(slurp(target) == "old");
    CHECK(entries(dir.path()) == 2);  // report.json and blocked/, no temporary

    // A directory that cannot be written: nothing is created.
    CHECK_THROWS_WITH(write_file_atomically((dir.path() / "missing" / "r.json").string(), "x"),
                      Catch::Contains("cannot create a temporary file"));
}

TEST_CASE("file and folder names in Japanese are written and replaced", "[atomic][utf8]") {
    test::TempDir dir;
    using dxassess::engine::file_path;
    const std::string folder = (dir.path() / file_path("評価結果 2026")).string();
    std::filesystem::create_directory(file_path(folder));
    const std::string target = folder + "/報告書.json";
    write_file_atomically(target, "古い");
    write_file_atomically(target, "新しい");
    CHECK(slurp(file_path(target)) == "新しい");
    CHECK(entries(file_path(folder)) == 1);
    CHECK(dxassess::engine::path_text(std::filesystem::directory_iterator(file_path(folder))->path().filename()) == "報告書.json");
}
