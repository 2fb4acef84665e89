// `dxassess batch --input FILE.jsonl|FILE.csv --out RESULTS.jsonl [--reports DIR] [--jobs N] [--id-field F]`:
// scores many answer sets in one process, one result line per input line, in the same order, each
// carrying the input line's --id-field value as "id" so results join back to their inputs. A bad
// line is reported with its line number and skipped; the rest are scored.
#include "assessment/assessment.hpp"
#include "office/office_commands.hpp"
#include "platform/atomic_file.hpp"
#include "platform/os.hpp"
#include "reports/report.hpp"
#include "reports/report_content.hpp"
#include "support/csv.hpp"
#include "support/exit_codes.hpp"
#include "support/json_field.hpp"
#include "support/json_text.hpp"
#include "support/ordered_pipeline.hpp"
#include "support/sha256.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/json_input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// A CSV row (columns "profile.code", "telework.status", "targets.telework", ...) as answers JSON:
/// each cell is typed by its question; multi-choice cells separate choices with ';'. Empty = unanswered.
json csv_row_to_json(const std::vector<std::string>& header, const std::vector<std::string>& cells, const engine::AnswerSchema& schema,
                     const engine::Location& where) {
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
        if (section == "profile" && (key == "population" || key == "fiscal_year" || key == "staff")) value = number(true);
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
                case engine::QuestionType::table: {  // a JSON array of rows
                    engine::check_json_depth(cell, where);
                    try {
                        value = json::parse(cell);
                    } catch (const json::parse_error& e) {
                        const engine::Text words = engine::json_syntax_error(e.what());
                        throw engine::InputError(where, {header[c] + " 列: " + words.ja, "column " + header[c] + ": " + words.en});
                    }
                    break;
                }
                default: break;
            }
        }
        j[section][key] = std::move(value);
    }
    return j;
}

/// One result line, written directly (it is the batch's hot path) into `out`, emptied first: keys
/// in the order nlohmann::json gives them, so the output is the same as a dumped JSON object.
void write_result_line(std::string& out, const Assessment& a, long long line, const std::string& id) {
    std::vector<const engine::AreaResult*> areas;
    for (const auto& ar : a.areas) areas.push_back(&ar);
    std::sort(areas.begin(), areas.end(), [](const auto* x, const auto* y) { return x->area < y->area; });
    out = "{\"areas\":{";
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
        out += "],\"level\":" + std::to_string(ar->level) + ",\"score\":" + std::to_string(ar->score) + ",\"status\":\"" +
               area_status(*ar) + "\"}";
    }
    out += "},\"code\":";
    append_json_string(out, a.answers.profile.code);
    out += ",\"fiscal_year\":" + std::to_string(a.answers.profile.fiscal_year) + ",\"id\":" + id + ",\"line\":" + std::to_string(line) +
           ",\"overall\":{\"complete\":" + (a.overall.complete ? "true" : "false") + ",\"index\":";
    append_json_number(out, a.overall.index);
    out += ",\"level\":" + std::to_string(a.overall.level) + "}}";
}

}  // namespace

int run_batch(const GlobalOptions& g, const BatchOptions& o) {
    const engine::Lang lang = g.lang;
    try {
        RunPolicy policy = g.run;
        policy.explain = !o.reports_dir.empty();  // results lines need no explanations; full reports do
        const Installation inst(search_paths(g), policy);
        const engine::AnswerSchema schema = inst.answer_schema();
        std::ifstream in(engine::file_path(o.input), std::ios::binary);
        if (!in) throw engine::InputError(engine::Location{o.input}, {"ファイルが見つからないか読めません", "file not found or unreadable"});
        const bool csv = engine::file_path(o.input).extension() == ".csv";
        if (!o.reports_dir.empty()) fs::create_directories(engine::file_path(o.reports_dir));

        // Results stream to a temporary file (memory stays flat), renamed into place at the end.
        AtomicBatch output;
        long long number = 0, scored = 0, bad = 0, incomplete = 0;
        output.add_with(o.out, [&](const std::string& temp) {
            std::ofstream results(engine::file_path(temp), std::ios::binary | std::ios::trunc);
            std::vector<std::string> header;
            std::size_t id_column = SIZE_MAX;  // CSV: the --id-field column
            const bool progress = is_terminal(StandardStream::error);

            // Lines are read one at a time by worker threads, which read and check the answers — and
            // score them too when every plugin may be called concurrently (DXA_PLUGIN_CONCURRENT) and
            // --jobs allows; otherwise this thread scores, one answer set at a time. Results are
            // written here in input order. At most `window` lines are in memory at once.
            struct Line {
                long long number = 0;
                std::string text;
                std::string id;                         // its --id-field value, as JSON text
                std::string error;                      // why the line was not scored
                std::uint32_t column = 0;               // where in the line (0: the line as a whole)
                std::optional<engine::Answers> answers; // when this thread does not score it
                std::string result;                     // its result line
                bool complete = false;
                std::string report_path, report;        // with --reports
                // Ready for the next line in this slot. Its strings keep their buffers: freeing them
                // here, on the writing thread, memory the reading threads allocated made the threads
                // wait on each other's malloc arenas.
                void reset(long long n) {
                    number = n;
                    id = "null";
                    error.clear();
                    column = 0;
                    answers.reset();
                    result.clear();
                    complete = false;
                    report_path.clear();
                    report.clear();
                }
            };
            const bool concurrent = o.jobs > 1 && inst.concurrent(policy);
            const std::size_t window = o.reports_dir.empty() ? 256 : 64;  // a rendered report is ~150 KB
            std::vector<Line> slots(window);
            const auto next_line = [&](std::size_t i) {
                std::string& text = slots[i % window].text;  // read in place, into the buffer of the slot's last line
                while (std::getline(in, text)) {
                    ++number;
                    if (csv && number == 1) {
                        if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
                        header = csv_fields(text);
                        id_column = static_cast<std::size_t>(std::find(header.begin(), header.end(), o.id_field) - header.begin());
                        continue;
                    }
                    if (text.empty() || text == "\r") continue;
                    slots[i % window].reset(number);
                    return true;
                }
                return false;
            };
            // Reads the line's answers into `answers`; false when the line is bad (l.error says why).
            const auto check = [&](Line& l, engine::Answers& answers) {
                const engine::Location where{o.input, static_cast<std::uint32_t>(l.number), 0};
                if (l.text.size() > engine::max_answers_bytes) {  // one municipality's answers: an answers file's limit
                    const std::string n = std::to_string(l.text.size()), limit = std::to_string(engine::max_answers_bytes);
                    l.error = lang == engine::Lang::en ? "line too long (" + n + " bytes, limit " + limit + ")"
                                                       : "行が長すぎます（" + n + " バイト、上限 " + limit + " バイト）";
                    return false;
                }
                try {
                    if (csv) {
                        const std::vector<std::string> cells = csv_fields(l.text);
                        if (id_column < cells.size() && !cells[id_column].empty()) {
                            l.id.clear();
                            append_json_string(l.id, cells[id_column]);
                        }
                        l.text = csv_row_to_json(header, cells, schema, where).dump();
                    } else {
                        l.id = json_field_token(l.text, o.id_field);
                    }
                    engine::parse_answers_json_into(l.text, where, schema, answers);
                    return true;
                } catch (const engine::InputError& e) {
                    l.column = e.diagnostics().front().where.column;  // within the line, when the problem has one
                    for (const auto& d : e.diagnostics()) l.error += (l.error.empty() ? "" : "; ") + d.message.in(lang);
                } catch (const std::exception& e) {
                    l.error = e.what();
                }
                return false;
            };
            // Scores answers read by check(), and hands them back (their storage is reused).
            const auto score = [&](Line& l, engine::Answers& answers) {
                Assessment a = assess(inst, std::move(answers), policy);
                write_result_line(l.result, a, l.number, l.id);
                l.complete = a.complete();
                if (!o.reports_dir.empty()) {  // a report carries its answers and their digest
                    a.answers_text = l.text;
                    a.answers_format = "json";
                    a.answers_sha256 = sha256_hex(l.text);
                    const ReportMeta meta{utc_now(), o.input + ":" + std::to_string(l.number), nullptr};
                    l.report_path = (engine::file_path(o.reports_dir) / (a.answers.profile.code + "-" + std::to_string(a.answers.profile.fiscal_year) +
                                                                "-" + std::to_string(l.number) + ".json")).string();
                    l.report = render_json(a, meta);
                }
                answers = std::move(a.answers);
            };
            const auto write = [&](Line& l) {
                if (!l.error.empty()) {
                    ++bad;
                    const engine::Location at{o.input, static_cast<std::uint32_t>(l.number), l.column};
                    std::cerr << at.str() << ": " << l.error << "\n";
                    json failure{{"line", l.number}};
                    if (l.column) failure["column"] = l.column;
                    failure["error"] = l.error;
                    const json id = json::parse(l.id, nullptr, false);  // a token json_field_token checked
                    failure["id"] = id.is_discarded() ? json() : id;
                    // The reason may quote the bad line, invalid UTF-8 and all: replaced, so the line stays JSON.
                    results << failure.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
                } else {
                    results << l.result << "\n";
                    ++scored;
                    if (!l.complete) ++incomplete;
                    if (!l.report_path.empty()) output.add(l.report_path, std::move(l.report));
                }
                if (progress && (scored + bad) % 1000 == 0)
                    std::cerr << "\r" << scored + bad << (lang == engine::Lang::en ? " lines" : " 行") << std::flush;
            };
            ordered_stream(window, concurrent ? std::max(1u, o.jobs - 1) : 2, next_line,
                           [&](std::size_t i) {
                               Line& l = slots[i % window];
                               if (concurrent) {
                                   // Read and scored on this thread: one answer tree per thread, reused
                                   // line after line while it is still in this core's cache.
                                   thread_local engine::Answers answers;
                                   if (check(l, answers)) score(l, answers);
                               } else if (engine::Answers answers; check(l, answers)) {
                                   l.answers = std::move(answers);
                               }
                           },
                           [&](std::size_t i) {
                               Line& l = slots[i % window];
                               if (l.answers) score(l, *l.answers);
                               write(l);
                           });
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
