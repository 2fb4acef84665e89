// `dxassess batch --input FILE.jsonl|FILE.csv --out RESULTS.jsonl [--reports DIR]`: scores many
// answer sets in one process, one result line per input line, in the same order. A bad line is
// reported with its line number and skipped; the rest are scored.
#include "assessment.hpp"
#include "atomic_file.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "json_text.hpp"
#include "report.hpp"
#include "sha256.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>
#include <string_view>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Splits one CSV record (RFC 4180; quoted fields may hold commas and doubled quotes).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

/// A CSV row (columns "profile.code", "telework.status", "targets.telework", ...) as answers JSON:
/// each cell is typed by its question; multi-choice cells separate choices with ';'. Empty = unanswered.
json csv_row_to_json(const std::vector<std::string>& header, const std::vector<std::string>& cells, const engine::AnswerSchema& schema) {
    json j = json::object();
    for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) {
        const std::string& cell = cells[c];
        if (cell.empty()) continue;
        const auto dot = header[c].find('.');
        if (dot == std::string::npos) throw std::runtime_error("column '" + header[c] + "' is not section.key");
        const std::string section = header[c].substr(0, dot), key = header[c].substr(dot + 1);
        json value = cell;  // strings by default (choices, dates, codes, names)
        const engine::Question* q = nullptr;
        for (const auto* rs : schema.rule_sets)
            if (rs->area == section) q = rs->find_question(key);
        const auto number = [&](bool integer) -> json {
            std::size_t used = 0;
            try {
                if (integer) {
                    const long long v = std::stoll(cell, &used);
                    if (used == cell.size()) return v;
                } else {
                    const double v = std::stod(cell, &used);
                    if (used == cell.size()) return v;
                }
            } catch (const std::exception&) {
            }
            return cell;  // left as text: reported as a type error with its question
        };
        if (section == "profile" && (key == "population" || key == "fiscal_year")) value = number(true);
        else if (section == "targets") value = number(true);
        else if (q) {
            switch (q->type) {
                case engine::QuestionType::boolean:
                    if (cell == "true" || cell == "1") value = true;
                    else if (cell == "false" || cell == "0") value = false;
                    break;
                case engine::QuestionType::integer: value = number(true); break;
                case engine::QuestionType::number:
                case engine::QuestionType::ratio: value = number(false); break;
                case engine::QuestionType::multi_choice: {
                    value = json::array();
                    std::size_t start = 0;
                    while (start <= cell.size()) {
                        const auto end = cell.find(';', start);
                        const std::string part = cell.substr(start, end == std::string::npos ? std::string::npos : end - start);
                        if (!part.empty()) value.push_back(part);
                        if (end == std::string::npos) break;
                        start = end + 1;
                    }
                    break;
                }
                case engine::QuestionType::table: value = json::parse(cell); break;  // a JSON array of rows
                default: break;
            }
        }
        j[section][key] = std::move(value);
    }
    return j;
}

/// One result line, written directly (it is the batch's hot path): keys in the order
/// nlohmann::json gives them, so the output is the same as a dumped JSON object.
std::string result_line(const Assessment& a, long long line) {
    std::vector<const engine::AreaResult*> areas;
    for (const auto& ar : a.areas) areas.push_back(&ar);
    std::sort(areas.begin(), areas.end(), [](const auto* x, const auto* y) { return x->area < y->area; });
    std::string out = "{\"areas\":{";
    for (const auto* ar : areas) {
        if (ar != areas.front()) out += ',';
        append_json_string(out, ar->area);
        if (!ar->scored) {
            out += ":{\"reason\":";
            append_json_string(out, ar->failure.en);
            out += ",\"status\":\"not_scored\"}";
            continue;
        }
        out += ":{\"checks\":[";
        for (std::size_t f = 0; f < ar->findings.size(); ++f) {
            if (f) out += ',';
            append_json_string(out, ar->findings[f].check);
        }
        out += "],\"level\":" + std::to_string(ar->level) + ",\"score\":" + std::to_string(ar->score) + ",\"status\":\"scored\"}";
    }
    out += "},\"code\":";
    append_json_string(out, a.answers.profile.code);
    out += ",\"fiscal_year\":" + std::to_string(a.answers.profile.fiscal_year) + ",\"line\":" + std::to_string(line) +
           ",\"overall\":{\"complete\":" + (a.overall.complete ? "true" : "false") + ",\"index\":";
    append_json_number(out, a.overall.index);
    out += ",\"level\":" + std::to_string(a.overall.level) + "}}";
    return out;
}

}  // namespace

int run_batch(const GlobalOptions& g, const BatchOptions& o) {
    const engine::Lang lang = g.lang;
    try {
        RunPolicy policy = g.run;
        policy.explain = !o.reports_dir.empty();  // results lines need no explanations; full reports do
        const Installation inst(resolve_search_paths(g.plugin_dirs, g.rules_dirs, g.lock_file), policy);
        const engine::AnswerSchema schema = inst.answer_schema();
        std::ifstream in(o.input, std::ios::binary);
        if (!in) throw engine::InputError(engine::Location{o.input}, {"ファイルが見つからないか読めません", "file not found or unreadable"});
        const bool csv = fs::path(o.input).extension() == ".csv";
        if (!o.reports_dir.empty()) fs::create_directories(o.reports_dir);

        // Results stream to a temporary file (memory stays flat), renamed into place at the end.
        AtomicBatch output;
        long long number = 0, scored = 0, bad = 0, incomplete = 0;
        output.add_with(o.out, [&](const std::string& temp) {
            std::ofstream results(temp, std::ios::binary | std::ios::trunc);
            std::vector<std::string> header;
            const engine::Date today = today_local();
            const bool progress = ::isatty(STDERR_FILENO);

            // Lines are read in chunks; a chunk's answers are read and checked on both cores while the
            // previous chunk is scored. Plugins are only ever called from this thread, one at a time.
            struct Parsed {
                long long number = 0;
                std::string text;
                std::optional<engine::Answers> answers;
                std::string error;
            };
            const auto read_chunk = [&] {
                std::vector<Parsed> chunk;
                std::string line;
                while (chunk.size() < 128 && std::getline(in, line)) {
                    ++number;
                    if (csv && number == 1) {
                        if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
                        header = csv_fields(line);
                        continue;
                    }
                    if (line.empty() || line == "\r") continue;
                    Parsed p;
                    p.number = number;
                    p.text = std::move(line);
                    chunk.push_back(std::move(p));
                }
                return chunk;
            };
            const auto check = [&](Parsed& p) {
                const std::string where = o.input + ":" + std::to_string(p.number);
                try {
                    if (csv) p.text = csv_row_to_json(header, csv_fields(p.text), schema).dump();
                    p.answers = engine::parse_answers_json(p.text, where, schema, today);
                } catch (const engine::InputError& e) {
                    for (const auto& d : e.diagnostics()) p.error += (p.error.empty() ? "" : "; ") + d.message.in(lang);
                } catch (const std::exception& e) {
                    p.error = e.what();
                }
            };
            const auto check_chunk = [&](std::vector<Parsed>& chunk) {
                const std::size_t half = chunk.size() / 2;
                auto first = std::async(std::launch::async, [&] {
                    for (std::size_t i = 0; i < half; ++i) check(chunk[i]);
                });
                for (std::size_t i = half; i < chunk.size(); ++i) check(chunk[i]);
                first.get();
            };

            std::vector<Parsed> current = read_chunk();
            check_chunk(current);
            while (!current.empty()) {
                std::vector<Parsed> next = read_chunk();
                auto checking = std::async(std::launch::async, [&] { check_chunk(next); });
                for (auto& p : current) {
                    const std::string where = o.input + ":" + std::to_string(p.number);
                    if (!p.answers) {
                        ++bad;
                        std::cerr << where << ": " << p.error << "\n";
                        results << json{{"line", p.number}, {"error", p.error}}.dump() << "\n";
                        continue;
                    }
                    Assessment a = assess(inst, std::move(*p.answers), policy);
                    results << result_line(a, p.number) << "\n";
                    ++scored;
                    if (!a.complete()) ++incomplete;
                    if (!o.reports_dir.empty()) {  // a report carries its answers and their digest
                        a.answers_text = p.text;
                        a.answers_format = "json";
                        a.answers_sha256 = sha256_hex(p.text);
                        const ReportMeta meta{utc_now(), where, nullptr};
                        output.add((fs::path(o.reports_dir) / (a.answers.profile.code + "-" + std::to_string(a.answers.profile.fiscal_year) +
                                                              "-" + std::to_string(p.number) + ".json")).string(),
                                   render_json(a, meta));
                    }
                }
                if (progress) std::cerr << "\r" << number << (lang == engine::Lang::en ? " lines" : " 行") << std::flush;
                checking.get();
                current = std::move(next);
            }
            if (progress) std::cerr << "\n";
            results.flush();
            if (!results) throw std::runtime_error(o.out + ": write failed");
        });
        output.commit();
        std::cout << (lang == engine::Lang::en ? "scored " : "採点 ") << scored << (lang == engine::Lang::en ? ", bad lines " : "、不正な行 ") << bad
                  << " → " << o.out << "\n";
        if (bad) return exit_input;
        return incomplete ? exit_area_missing : exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(lang) << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
