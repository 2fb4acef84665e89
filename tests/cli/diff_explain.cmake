cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# `dxassess diff` on a pair of years and on different rule versions, and `dxassess explain`.
#   cmake -DDXA=... -DWORK=... -DOLD=answers-2024 -DNEW=answers-2025 -DOTHER=answers-of-another-city -P diff_explain.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/old" "${WORK}/new" "${WORK}/other")


dxa(0 assess "${OLD}" -o "${WORK}/old" --format json)
dxa(0 assess "${NEW}" -o "${WORK}/new" --format json)
dxa(0 assess "${OTHER}" -o "${WORK}/other" --format json)

# A pair of years, as text.
dxa(0 diff "${WORK}/old/report.json" "${WORK}/new/report.json")
expect("${out}" "Changes: 神奈川県 横須賀市 \\(142018\\) FY2024 → FY2025")
expect("${out}" "overall index 57 → 70.2 \\(\\+13.2\\)")
expect("${out}" "Promotion of telework: level 2 → 3 \\(\\+1\\), score 58 → 65 \\(\\+7\\)")
expect("${out}" "resolved: Telework is formally introduced but has no formal rules \\[formal_without_rules\\]")
expect("${out}" "new: No BCP drill using telework in over a year \\[drill_overdue\\]")
if(out MATCHES "⚠")
    fail("no warning expected for comparable reports:\n${out}")
endif()

# The same as JSON.
dxa(0 diff "${WORK}/old/report.json" "${WORK}/new/report.json" --format json)
string(JSON comparable GET "${out}" comparable)
string(JSON telework_new GET "${out}" areas 8 findings_new 0 check)
string(JSON telework_delta GET "${out}" areas 8 level delta)
if(NOT comparable STREQUAL "ON" OR NOT telework_new STREQUAL "drill_overdue" OR NOT telework_delta EQUAL 1)
    fail("diff JSON: comparable=${comparable} new=${telework_new} delta=${telework_delta}\n${out}")
endif()

# A newer rule set version makes the area's scores not comparable.
file(READ "${WORK}/new/report.json" report)
string(JSON report SET "${report}" areas 8 rules version "\"2.1.0\"")
file(WRITE "${WORK}/new/changed.json" "${report}")
dxa(0 diff "${WORK}/old/report.json" "${WORK}/new/changed.json")
expect("${out}" "\\[drill_overdue\\]\n  ⚠ rule set version differs \\(2.0.0 → 2.1.0\\): scores are not strictly comparable")
dxa(0 diff "${WORK}/old/report.json" "${WORK}/new/changed.json" --format json)
string(JSON comparable GET "${out}" comparable)
if(NOT comparable STREQUAL "OFF")
    fail("diff JSON should not be comparable:\n${out}")
endif()

# Reports of two different municipalities.
dxa(0 diff "${WORK}/other/report.json" "${WORK}/new/report.json")
expect("${out}" "⚠ the reports are of different municipalities \\(011002 and 142018\\)")

# Bad input.
file(WRITE "${WORK}/broken.json" "{\n  \"schema_version\": \"1.0\",\n  \"areas\": [\n")
dxa(2 diff "${WORK}/broken.json" "${WORK}/new/report.json")
expect("${err}" "broken.json:4:1: not valid JSON")
file(WRITE "${WORK}/future.json" "{\"schema_version\": \"2.0\", \"areas\": [], \"overall\": {}, \"municipality\": {}}")
dxa(2 diff "${WORK}/future.json" "${WORK}/new/report.json")
expect("${err}" "future.json: report schema 2.0 cannot be read by this dxassess")

# explain: each criterion, its outcome and the answers that decided it.
dxa(0 explain "${WORK}/new/report.json" --area telework)
expect("${out}" "^Promotion of telework \\(telework\\) — level 3 \\(Organisation-wide\\), score 65\n")
expect("${out}" "Level 4 ✗ not met \\(1/4\\)\n    source: [^\n]*\n    caveat: [^\n]*dxassess.s own thresholds.\n    ✗ At least two telework forms \\(home, mobile, satellite\\) are in place \\[4.1\\]\n      condition: form_count >= 2\n      answer: Number of telework forms in place \\(form_count\\) = 1\n")
expect("${out}" "answer: Telework usage rate \\(staff who teleworked ÷ eligible staff\\) \\(usage_ratio\\) = 22.7%\n")
expect("${out}" "\\? There are rules for managing and appraising telework \\(managing by results\\) \\[5.3\\] \\(unanswered\\)")
if(out MATCHES "Security")
    fail("explain --area telework printed other areas")
endif()
dxa(0 explain "${WORK}/new/report.json")
expect("${out}" "Thorough security measures \\(security\\) — level 3")
dxa(2 explain "${WORK}/new/report.json" --area teleworks)
expect("${err}" "no area 'teleworks' in the report \\(did you mean 'telework'\\?\\)")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "diff and explain ok")
