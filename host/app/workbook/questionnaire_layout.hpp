// What the questionnaire's writer and reader agree on: columns, row markers and the words of
// yes/no and the profile. Internal to workbook/.
#pragma once

#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/text.hpp"

#include <string>
#include <vector>

namespace dxassess::host::questionnaire {

// Columns, 0-based as libxlsxwriter counts them (A = 0). A holds the row's marker and is hidden.
inline constexpr int col_marker = 0;
inline constexpr int col_question = 1;  // 質問
inline constexpr int col_answer = 2;    // 回答
inline constexpr int col_unit = 3;      // 単位
inline constexpr int col_na = 4;        // 該当なし（理由）
inline constexpr int col_notes = 5;     // 備考, 根拠資料, 担当部署, 回答者 (four columns)

// Row markers in column A.
inline constexpr const char* profile_marker = "@profile";      // the profile section starts
inline constexpr const char* area_marker = "@area:";           // + area id: an area's section starts
inline constexpr const char* target_marker = "@target";        // the area's target level
// "<question>" a question; "<question>/<choice>" one choice of a multi-choice question;
// "<question>#" a table's column headings; "<question>[<key>]" a pre-filled table row;
// "<question>[]" a free table row. Any other row (titles, help) carries no marker.

/// A table row's first answer column: column j of a table (the key included) is at 1 + j, and
/// its 該当なし reason and notes follow the last column.
inline constexpr int table_first_col = 1;

/// The annotation keys of an answer, in column order after 該当なし: note, evidence, owner, answered_by.
inline constexpr const char* note_keys[4] = {"note", "evidence", "owner", "answered_by"};
extern const engine::Text note_headings[4];

extern const engine::Text yes;  // はい / yes
extern const engine::Text no;   // いいえ / no
extern const engine::Text none_word;  // なし / none: a table without rows, answered

/// A profile entry of the workbook: its key in [profile], its type and its words.
struct ProfileEntry {
    enum class Kind { text, integer, choice, date };
    const char* key;
    Kind kind;
    engine::Text label;
    engine::Text help;
    bool required = false;  // the engine refuses answers without it
};
const std::vector<ProfileEntry>& profile_entries();

/// The choices of a profile entry (type: government kinds; peer_group: 類似団体区分), else none.
std::vector<engine::Choice> profile_choices(const std::string& key);

/// The table column whose choices pre-fill one row each (a choice key column), or nullptr.
const engine::Question* prefill_key(const engine::Question& table);

}  // namespace dxassess::host::questionnaire
