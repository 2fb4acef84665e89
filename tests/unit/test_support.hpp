// Helpers shared by the unit tests.
#pragma once

#include "dxassess/engine/diagnostics.hpp"

#include <catch2/catch.hpp>

#ifdef _WIN32
#include <windows.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

/// Whether this Windows program runs under Wine, which does not enforce a job object's memory limit.
inline bool under_wine() {
#ifdef _WIN32
    const HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
    return ntdll && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
#else
    return false;
#endif
}

/// A fresh temporary directory, removed with everything in it when the object goes away.
class TempDir {
public:
    TempDir() {
        // create_directory() is false for a name that exists: try random names until one is new.
        std::random_device random;
        for (int attempt = 0; attempt < 100; ++attempt) {
            path_ = std::filesystem::temp_directory_path() / ("dxassess-test-" + std::to_string(random()));
            if (std::filesystem::create_directory(path_)) return;
        }
        throw std::runtime_error("no temporary directory could be made");
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name, const std::string& content) const {
        const auto p = path_ / name;
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }

private:
    std::filesystem::path path_;
};

/// True when some diagnostic is at line:column and its English message contains `text`.
inline bool has_diagnostic(const dxassess::engine::InputError& e, unsigned line, unsigned column, const std::string& text) {
    for (const auto& d : e.diagnostics())
        if (d.where.line == line && d.where.column == column && d.message.en.find(text) != std::string::npos) return true;
    return false;
}

/// The InputError thrown by f(); fails the test when f() succeeds.
template <class F>
dxassess::engine::InputError input_error(F&& f) {
    try {
        f();
    } catch (const dxassess::engine::InputError& e) {
        return e;
    }
    FAIL("the input was accepted");
    throw;
}

/// One malformed input and the diagnostic it must produce.
struct ErrorCase {
    const char* name;
    std::string text;
    unsigned line;
    unsigned column;
    const char* message;
};

/// Each case, in its own SECTION: parsing fails with `message` at line:column, in both languages.
template <class Parse>
void check_error_cases(const std::vector<ErrorCase>& cases, Parse&& parse) {
    for (const auto& c : cases) {
        SECTION(c.name) {
            const dxassess::engine::InputError e = input_error([&] { parse(c.text); });
            INFO(e.format(dxassess::engine::Lang::en));
            CHECK(has_diagnostic(e, c.line, c.column, c.message));
            CHECK_FALSE(e.diagnostics().front().message.ja.empty());
        }
    }
}

/// Replaces the 1-based line `n` of `text` with `replacement`.
inline std::string with_line(const std::string& text, int n, const std::string& replacement) {
    std::string out;
    int line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += line == n ? replacement : text.substr(start, end - start);
        if (end < text.size()) out += '\n';
        start = end + 1;
        ++line;
    }
    return out;
}

}  // namespace test
