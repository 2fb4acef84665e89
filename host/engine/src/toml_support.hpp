// Internal: reading TOML input files with precise, bilingual diagnostics.
// The only engine header that includes toml++ (compiled once in toml_support.cpp).
#pragma once

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/value.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dxassess::engine {

/// Largest input file accepted; larger files are refused before parsing.
inline constexpr std::size_t max_input_bytes = max_answers_bytes;

/// Reads a whole file, refusing missing, unreadable, oversized and non-UTF-8 files.
std::string read_input_file(const std::string& path);

/// Parses TOML text; syntax errors become InputError with line:column. Also checks UTF-8.
toml::table parse_toml(const std::string& text, const std::string& path);

Location location_of(const std::string& path, const toml::node& node);

/// Whether `s` is a name usable in conditions: [a-z_][a-z0-9_]*.
bool is_identifier(const std::string& s);

/// The file position of byte `offset` inside the decoded value of a TOML string node.
Location location_in_string(const std::string& text, const std::string& path, const toml::node& string_node,
                            std::size_t offset);

const char* toml_type_ja(const toml::node& n);
const char* toml_type_en(const toml::node& n);

/// Calls fn(table) for each element of an array of tables; any other element is an error.
template <class F>
void for_each_table(const toml::array& arr, const std::string& path, std::vector<Diagnostic>& errors,
                    const std::string& what, F&& fn) {
    for (const toml::node& n : arr) {
        if (const toml::table* t = n.as_table())
            fn(*t);
        else
            errors.push_back(Diagnostic{location_of(path, n), Text{what + " の要素はテーブルです（" + toml_type_ja(n) + "）",
                                                                   what + ": each entry must be a table, found " + toml_type_en(n)}});
    }
}

/// Reads the fields of one TOML table, recording type errors and unknown keys.
class FieldReader {
public:
    FieldReader(const toml::table& table, const std::string& path, std::string where_ja, std::string where_en,
                std::vector<Diagnostic>& errors);

    std::optional<std::string> string(const char* key, bool required = false);
    std::optional<std::int64_t> integer(const char* key, bool required = false);
    std::optional<double> number(const char* key, bool required = false);
    std::optional<bool> boolean(const char* key, bool required = false);
    std::optional<Date> date(const char* key, bool required = false);
    const toml::array* array(const char* key, bool required = false);
    const toml::table* table(const char* key, bool required = false);
    /// The node under key (marks it read), or nullptr.
    const toml::node* node(const char* key);
    /// Reports keys that were never read, with "did you mean".
    void reject_unknown_keys();

    /// Error at the node under key (or at the table when absent).
    void error_at(const char* key, Text message);
    Location location(const char* key) const;
    const toml::table& table_node() const { return table_; }

private:
    const toml::node* fetch(const char* key, bool required, const char* want_ja, const char* want_en,
                            bool (*accept)(const toml::node&));
    const toml::table& table_;
    const std::string& path_;
    std::string where_ja_;
    std::string where_en_;
    std::vector<Diagnostic>& errors_;
    std::set<std::string> read_;
};

}  // namespace dxassess::engine
