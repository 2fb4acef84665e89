// Loads rules/reference.toml (see reference.hpp) and expands {ref.<id>} in rule texts.
#include "dxassess/engine/reference.hpp"

#include "toml_support.hpp"

#include <cmath>
#include <cstdio>

namespace dxassess::engine {

namespace {

std::string with_thousands(std::int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

/// Shortest of %.0f..%.2f that keeps the value: 0.812 -> "81.2", 0.3562 -> "35.62".
std::string short_decimal(double x) {
    char buf[64];
    for (int digits = 0; digits <= 2; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*f", digits, x);
        if (std::fabs(std::strtod(buf, nullptr) - x) < 1e-9) return buf;
    }
    std::snprintf(buf, sizeof buf, "%.2f", x);
    return buf;
}

}  // namespace

const ReferenceFigure* ReferenceData::find(const std::string& id) const {
    for (const auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}

std::map<std::string, Value, std::less<>> ReferenceData::constants() const {
    std::map<std::string, Value, std::less<>> out;
    for (const auto& f : figures) out["ref." + f.id] = f.value;
    return out;
}

std::string reference_text(const ReferenceFigure& f) {
    if (const auto* i = std::get_if<std::int64_t>(&f.value)) return with_thousands(*i);
    if (const auto* d = std::get_if<double>(&f.value)) return f.ratio ? short_decimal(*d * 100) + "%" : short_decimal(*d);
    if (const auto* d = std::get_if<Date>(&f.value)) return d->str();
    return to_display(f.value);
}

ReferenceData parse_reference_data(const std::string& text, const std::string& path) {
    const toml::table root = parse_toml(text, path);
    std::vector<Diagnostic> errors;
    ReferenceData data;
    data.path = path;
    FieldReader top(root, path, "参照データファイル", "reference data file", errors);
    data.version = top.string("version", true).value_or("");
    data.updated = top.date("updated", true).value_or(Date{});
    if (const toml::array* figures = top.array("figures", true)) {
        for_each_table(*figures, path, errors, "[[figures]]", [&](const toml::table& t) {
            ReferenceFigure f;
            f.where = location_of(path, t);
            const std::string name = t["id"].value_or(std::string("?"));
            FieldReader r(t, path, "参照値 '" + name + "'", "figure '" + name + "'", errors);
            f.id = r.string("id", true).value_or("");
            if (!f.id.empty() && !is_identifier(f.id))
                r.error_at("id", {"ID は英小文字・数字・_ で書いてください", "the id must match [a-z_][a-z0-9_]*"});
            if (!f.id.empty() && data.find(f.id))
                r.error_at("id", {"参照値 '" + f.id + "' が重複しています", "duplicate figure '" + f.id + "'"});
            const std::string type = r.string("type", true).value_or("");
            if (type == "ratio" || type == "number") {
                if (const auto v = r.number("value", true)) {
                    f.value = *v;
                    f.ratio = type == "ratio";
                    if (f.ratio && (*v < 0 || *v > 1))
                        r.error_at("value", {"参照値 '" + name + "': 割合は 0〜1 の小数で書きます（81.2% → 0.812）",
                                             "figure '" + name + "': a ratio is written 0..1 (81.2% -> 0.812)"});
                }
            } else if (type == "integer") {
                if (const auto v = r.integer("value", true)) f.value = *v;
            } else if (type == "date") {
                if (const auto d = r.date("value", true)) f.value = *d;
            } else if (!type.empty()) {
                const Text hint = did_you_mean(type, {"ratio", "number", "integer", "date"});
                r.error_at("type", {"参照値 '" + name + "': 不明な型 '" + type + "'" + hint.ja + "。ratio, number, integer, date のいずれかです",
                                    "figure '" + name + "': unknown type '" + type + "'" + hint.en + "; use ratio, number, integer or date"});
            }
            f.label = {r.string("ja", true).value_or(""), r.string("en", true).value_or("")};
            f.as_of = r.date("as_of", true).value_or(Date{});
            f.source = r.string("source", true).value_or("");
            f.url = r.string("url").value_or("");
            f.caveat = {r.string("caveat_ja").value_or(""), r.string("caveat_en").value_or("")};
            if (f.caveat.ja.empty() != f.caveat.en.empty())
                r.error_at(f.caveat.ja.empty() ? "caveat_en" : "caveat_ja",
                           {"caveat_ja と caveat_en は両方書きます", "write both caveat_ja and caveat_en"});
            r.reject_unknown_keys();
            data.figures.push_back(std::move(f));
        });
    }
    top.reject_unknown_keys();
    if (!errors.empty()) throw InputError(std::move(errors));
    return data;
}

ReferenceData load_reference_data(const std::string& path) { return parse_reference_data(read_input_file(path), path); }

std::string expand_references(const std::string& text, const ReferenceData* data, std::vector<Text>& problems) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t open = text.find("{ref.", pos);
        if (open == std::string::npos) break;
        const std::size_t close = text.find('}', open);
        out.append(text, pos, open - pos);
        if (close == std::string::npos) {
            problems.push_back({"{ref. の後に } がありません", "'{ref.' is not closed with '}'"});
            pos = open;
            break;
        }
        std::string id = text.substr(open + 5, close - open - 5);
        bool want_date = false;
        if (const std::size_t colon = id.find(':'); colon != std::string::npos) {
            if (id.substr(colon + 1) != "as_of")
                problems.push_back({"{ref." + id + "}: ':' の後は as_of だけです", "{ref." + id + "}: only ':as_of' may follow the id"});
            want_date = true;
            id.resize(colon);
        }
        const ReferenceFigure* f = data ? data->find(id) : nullptr;
        if (!f) {
            std::vector<std::string> ids;
            if (data)
                for (const auto& g : data->figures) ids.push_back(g.id);
            const Text hint = did_you_mean(id, ids);
            problems.push_back({"不明な参照値 '" + id + "'" + hint.ja + (data ? "" : "（参照データファイルが読み込まれていません）"),
                                "unknown reference figure '" + id + "'" + hint.en + (data ? "" : " (no reference data file is loaded)")});
            out.append(text, open, close + 1 - open);
        } else {
            out += want_date ? f->as_of.str() : reference_text(*f);
        }
        pos = close + 1;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

}  // namespace dxassess::engine
