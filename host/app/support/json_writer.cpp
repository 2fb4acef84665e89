#include "support/json_writer.hpp"

#include "support/json_text.hpp"

#include <charconv>

namespace dxassess::host {

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (has_elements_.empty()) return;  // the document itself
    if (has_elements_.back()) out_ += ',';
    has_elements_.back() = true;
    if (indent_ >= 0) {
        out_ += '\n';
        out_.append(has_elements_.size() * static_cast<std::size_t>(indent_), ' ');
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ += '{';
    has_elements_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ += '[';
    has_elements_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    const bool had_elements = has_elements_.back();
    has_elements_.pop_back();
    if (had_elements && indent_ >= 0) {
        out_ += '\n';
        out_.append(has_elements_.size() * static_cast<std::size_t>(indent_), ' ');
    }
    out_ += bracket;
    return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }

JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    append_json_string(out_, k);
    out_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value();
    append_json_string(out_, s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t i) {
    before_value();
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, i);
    out_.append(buf, end);
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    append_json_number(out_, d);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& s : list) value(s);
    return end_array();
}

}  // namespace dxassess::host
