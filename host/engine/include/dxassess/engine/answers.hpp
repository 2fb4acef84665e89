// A municipality's answers: its profile and, per area, the answers to that area's questions.
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/value.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dxassess::engine {

/// Who answered and on what evidence: optional for every answer and every table row, carried
/// into every report form so a coordinator can see where each figure came from.
struct AnswerNotes {
    std::string note;         // 備考
    std::string evidence;     // 根拠資料: a file name or URL
    std::string owner;        // 担当部署
    std::string answered_by;  // 回答者

    bool empty() const { return note.empty() && evidence.empty() && owner.empty() && answered_by.empty(); }
};

/// The fixed reasons a question or table row may be 該当なし (not applicable), as written in answers.
struct NaReason {
    std::string id;  // prefecture | wide_area | no_scheme | other
    Text label;
};
const std::vector<NaReason>& na_reasons();
/// The reason with this id, or nullptr.
const NaReason* find_na_reason(const std::string& id);

/// One answer (or a list element / table member), with where it was written.
struct AnswerNode {
    Value value;                                            // scalar, or StringList for lists; unknown when N/A
    Location where;
    const NaReason* na = nullptr;                           // 該当なし and why; nullptr when the answer applies
    // Out of line, and shared by copies: most answers have none, and every node (each table cell
    // too) would otherwise carry four strings.
    std::shared_ptr<const AnswerNotes> notes;
    std::vector<AnswerNode> items;                          // list elements (strings, or rows of a table question)
    std::vector<std::pair<std::string, AnswerNode>> members;  // table members
    bool is_table = false;                                  // members are set
    bool is_list = false;                                   // items are set

    // Defined after the class: members holds pairs of AnswerNode, which clang (with libstdc++)
    // would otherwise need complete while checking the implicit default constructor.
    AnswerNode();
    AnswerNode(Value v, Location at) : value(std::move(v)), where(at) {}

    bool not_applicable() const { return na != nullptr; }
    /// The notes, or empty ones.
    const AnswerNotes& notes_or_none() const;

    const AnswerNode* member(std::string_view key) const;
};

inline AnswerNode::AnswerNode() = default;

struct Profile {
    std::string code;        // 全国地方公共団体コード, 6 digits, check digit verified
    std::string name;
    std::string prefecture;
    std::int64_t population = 0;  // 住民基本台帳人口 on 1 January (the 総務省 tables' denominator)
    int fiscal_year = 0;
    std::int64_t staff = 0;       // 一般行政職員数 (0 = not given)
    std::string peer_group;       // 類似団体区分 id (peer_groups(); "" = not given)
    std::string type;        // prefecture | designated_city | city | special_ward | town | village ("" = not given)
    Date as_of;              // 基準日: the date ages are counted to; default_reference_date(fiscal_year)
};

/// The value of profile_fields()[field] for conditions; unknown when not given.
Value profile_value(const Profile& profile, std::size_t field);

struct Answers {
    std::string path;
    Profile profile;
    std::map<std::string, AnswerNode> areas;  // area id -> table of answers
    std::map<std::string, int> targets;       // [targets]: area id -> target level 0..5 (e.g. a 3-year goal)
};

/// The 基準日 used when the answers give none: 1 April of the fiscal year, so the same answers
/// always give the same result whatever day the tool runs.
Date default_reference_date(int fiscal_year);

/// Verifies the check digit of a 6-digit 全国地方公共団体コード.
bool valid_local_government_code(const std::string& code);

/// The kinds of local government a profile may state (`type`).
const std::vector<std::string>& government_types();

/// What answers are checked against: the rule sets of the assessed areas, and areas whose sections
/// are kept unchecked (e.g. areas whose plugin could not be loaded). Any other section is an error.
struct AnswerSchema {
    std::vector<const RuleSet*> rule_sets;
    std::vector<std::string> other_known_areas;
};

/// Loads answers and checks them against the schema.
/// Throws InputError listing every problem with file:line:column.
Answers load_answers(const std::string& path, const AnswerSchema& schema);

/// Answers given as a JSON object with the same structure as the TOML file ({"profile": {...},
/// "telework": {...}}; dates as "YYYY-MM-DD"). `source` names them in messages. Throws InputError.
Answers parse_answers_json(const std::string& text, const std::string& source, const AnswerSchema& schema);
/// The same for one line of a JSON-lines file: `origin` is the file and line number, and problems
/// are placed at origin's line (with the column within it where the problem has one).
Answers parse_answers_json(const std::string& text, const Location& origin, const AnswerSchema& schema);

/// parse_answers_json into `into`, reusing the storage of the answers it held: bulk readers (batch,
/// rescore) read many answer sets of much the same shape, and reusing one tree saves an allocation
/// per answer. Throws InputError, leaving `into` with unspecified answers.
void parse_answers_json_into(const std::string& text, const Location& origin, const AnswerSchema& schema, Answers& into);

/// Largest answers text accepted: a file (as every input file), or one line of batch input.
inline constexpr std::size_t max_answers_bytes = 8u * 1024u * 1024u;

/// Reads an answers file's text, refusing missing, oversized and non-UTF-8 files. Throws InputError.
std::string read_answers_file(const std::string& path);

/// Same as load_answers, from text in memory (`path` names it in messages).
Answers parse_answers(const std::string& text, const std::string& path, const AnswerSchema& schema);

/// Where things are in an answers file, so that `dxassess init` can add new questions by inserting
/// lines, never re-writing what the user wrote (comments, quoting and order stay byte for byte).
struct AnswerFileLayout {
    struct Key {
        std::string name;
        std::uint32_t line = 0;      // where its value starts and ends (1-based)
        std::uint32_t end_line = 0;
    };
    struct Section {
        std::string name;                // "profile", an area id, ...
        std::uint32_t header_line = 0;   // line of its [name] header; 0 when it has none
        std::vector<Key> keys;           // keys it holds
        bool has(const std::string& key) const;
    };
    std::vector<Section> sections;       // top-level tables
    std::vector<std::uint32_t> headers;  // lines of every [table] and [[array]] header, ascending

    const Section* find(const std::string& name) const;
    /// The first header line after `line`, or 0 when there is none (the section runs to the end).
    std::uint32_t next_header(std::uint32_t line) const;
};

/// Reads the layout of an answers file's text. Throws InputError if it is not valid TOML.
AnswerFileLayout read_answer_layout(const std::string& text, const std::string& path);

}  // namespace dxassess::engine
