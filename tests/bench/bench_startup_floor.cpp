// Benchmark (not a test): the start-up a hand-written assessment program cannot avoid, to compare
// `dxassess assess` with. It reads an answers file with toml++, scores every area by hand the
// cheapest way there is (the share of its questions answered — hand-written rules cost
// microseconds), and writes a JSON report with nlohmann::json the way dxassess must write one:
// a temporary file, flushed to disk, renamed over the target.
//   dxassess_bench_startup_floor ANSWERS.toml OUT_DIR
#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fcntl.h>
#include <string>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ANSWERS.toml OUT_DIR\n", argv[0]);
        return 2;
    }
    toml::table answers;
    try {
        answers = toml::parse_file(argv[1]);
    } catch (const toml::parse_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    nlohmann::ordered_json report;
    report["profile"]["code"] = answers["profile"]["code"].value_or(std::string());
    for (const auto& [area, node] : answers) {
        const toml::table* t = node.as_table();
        if (!t || area.str() == "profile" || area.str() == "targets") continue;
        std::size_t answered = 0;
        for (const auto& kv : *t) answered += kv.second.is_value() || kv.second.is_array() || kv.second.is_table();
        report["areas"][std::string(area.str())] = {{"answered", answered}, {"level", answered > 10 ? 3 : 1}};
    }
    const std::string text = report.dump(2);
    const std::string target = std::string(argv[2]) + "/report.json", temp = target + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(fd) != 0 || ::close(fd) != 0 ||
        ::rename(temp.c_str(), target.c_str()) != 0) {
        std::perror(target.c_str());
        return 1;
    }
    return 0;
}
