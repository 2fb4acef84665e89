#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace dxassess::fuzz {

const ShippedRules& shipped_rules() {
    static const ShippedRules rules = [] {
        namespace fs = std::filesystem;
        ShippedRules r;
        const fs::path dir = fs::path(DXASSESS_SOURCE_DIR) / "rules";
        r.reference = engine::load_reference_data((dir / "reference.toml").string());
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() != ".toml" || name.find(".test.") != std::string::npos || name == "model.toml" ||
                name == "reference.toml")
                continue;
            try {
                r.rule_sets.push_back(std::make_unique<engine::RuleSet>(
                    engine::load_rule_set(entry.path().string(), engine::PluginSymbols{}, "", &r.reference)));
            } catch (const engine::InputError&) {
                // names facts that only its plugin declares: not part of the fuzzed schema
            }
        }
        if (r.rule_sets.empty()) {
            std::fprintf(stderr, "fuzz: no shipped rule set loads from %s\n", dir.c_str());
            std::abort();
        }
        std::string areas;
        for (const auto& rs : r.rule_sets) {
            r.schema.rule_sets.push_back(rs.get());
            areas += " " + rs->area;
        }
        std::fprintf(stderr, "fuzz: the schema holds the shipped areas%s\n", areas.c_str());
        r.schema.other_known_areas = {"unchecked_area"};
        return r;
    }();
    return rules;
}

namespace {

const std::string& private_directory() {
    // Never destroyed: the exit handler that removes the directory runs after static destructors.
    static const std::string* dir = [] {
        std::string tmpl = (std::filesystem::temp_directory_path() / "dxassess-fuzz-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) {
            std::perror("fuzz: mkdtemp");
            std::abort();
        }
        std::atexit([] { std::filesystem::remove_all(*dir); });
        return new std::string(tmpl);
    }();
    return *dir;
}

}  // namespace

ScratchFile::ScratchFile(const std::string& name) : path_(private_directory() + "/" + name) {}

const std::string& ScratchFile::write(std::string_view content) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) throw std::runtime_error(path_ + ": cannot write the scratch file");
    return path_;
}

}  // namespace dxassess::fuzz
