// A JSON document written as it is produced, with no tree in between, byte for byte as
// nlohmann::json's dump(indent) writes the same document: the JSON report is built this way
// because building its tree cost more than everything else `assess` does once the rules are loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::host {

/// Writes objects and arrays in the order they are opened, keys and values in the order given.
/// Indented like dump(2) when `indent` is 2, on one line like dump() when it is -1. Strings that
/// are not valid UTF-8 get U+FFFD for each bad sequence, as dump's error_handler_t::replace does.
class JsonWriter {
public:
    explicit JsonWriter(int indent = 2) : indent_(indent) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    /// The key of the next value; only inside an object.
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(int i) { return value(static_cast<std::int64_t>(i)); }
    JsonWriter& value(std::int64_t i);
    JsonWriter& value(double d);
    JsonWriter& null();
    /// An array of strings.
    JsonWriter& value(const std::vector<std::string>& list);

    /// key(k).value(v), the usual pair.
    template <class T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

    /// The document so far; complete once every object and array opened is closed.
    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void before_value();  // the comma and the line break before an element
    JsonWriter& close(char bracket);

    std::string out_;
    std::vector<bool> has_elements_;  // per open container
    int indent_;
    bool after_key_ = false;
};

}  // namespace dxassess::host
