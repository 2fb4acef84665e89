cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# The national office's tools end to end: generate -> batch (with bad lines, JSON lines and CSV) ->
# collect (every reject reason, replacement with history, an interrupted ingest) -> summary (every
# view and format, expected codes, benchmark export) -> rescore.
#   cmake -DDXA=... -DWORK=... -DSAMPLE=... -DRULES=... -DPYTHON=... -DCHECK_HTML=... -DCHROMIUM=... -P national.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
function(json_get var text)
    string(JSON value GET "${text}" ${ARGN})
    set(${var} "${value}" PARENT_SCOPE)
endfunction()
set(db "${WORK}/office.sqlite")

# --- generate and batch -------------------------------------------------------------------------
dxa(0 generate --count 40 --seed 3 --out "${WORK}/answers.jsonl")
dxa(0 batch --input "${WORK}/answers.jsonl" --out "${WORK}/results.jsonl" --reports "${WORK}/reports")
expect("${out}" "scored 40, bad lines 0")
file(STRINGS "${WORK}/results.jsonl" results ENCODING UTF-8)
list(LENGTH results n)
list(GET results 0 first)
json_get(first_line "${first}" line)
if(NOT n EQUAL 40 OR NOT first_line EQUAL 1)
    fail("batch wrote ${n} result lines (first is line ${first_line}), expected 40 starting at 1")
endif()
file(GLOB reports "${WORK}/reports/*.json")
list(LENGTH reports n)
if(NOT n EQUAL 40)
    fail("batch wrote ${n} reports, expected 40")
endif()
# Scored on several threads (the shipped plugins declare DXA_PLUGIN_CONCURRENT) or on one: the same lines.
dxa(0 batch --input "${WORK}/answers.jsonl" --out "${WORK}/results-1.jsonl" --jobs 1)
dxa(0 batch --input "${WORK}/answers.jsonl" --out "${WORK}/results-3.jsonl" --jobs 3)
file(READ "${WORK}/results-1.jsonl" one_thread)
file(READ "${WORK}/results-3.jsonl" three_threads)
file(READ "${WORK}/results.jsonl" with_reports)
if(NOT one_thread STREQUAL three_threads OR NOT one_thread STREQUAL with_reports)
    fail("batch --jobs 1, --jobs 3 and the run with --reports wrote different results")
endif()

# Bad lines are reported with their number and skipped; the others are scored, in order.
file(STRINGS "${WORK}/answers.jsonl" lines ENCODING UTF-8)
list(GET lines 0 l1)
list(GET lines 1 l2)
string(REPLACE "\"code\":\"" "\"code\":\"9" bad_code "${l2}")
string(ASCII 255 invalid_byte)
file(WRITE "${WORK}/mixed.jsonl" "${l1}\n{not json\n${bad_code}\n${l2}\n{\"profile\": {\"code\": \"01100${invalid_byte}\"}}\n")
dxa(2 batch --input "${WORK}/mixed.jsonl" --out "${WORK}/mixed-results.jsonl")
expect("${out}" "scored 2, bad lines 3")
# file:line:column, the column within the line where the problem has one (syntax); a problem with
# the content names the line and the key.
expect("${err}" "mixed.jsonl:2:3: not valid JSON")
expect("${err}" "mixed.jsonl:3: .*local government code")
expect("${err}" "mixed.jsonl:5:28: not valid JSON")
execute_process(COMMAND "${PYTHON}" -c "import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]"
                "${WORK}/mixed-results.jsonl" RESULT_VARIABLE rc ERROR_VARIABLE why)
if(NOT rc EQUAL 0)
    fail("the results of a line with invalid UTF-8 are not valid UTF-8 JSON lines: ${why}")
endif()
file(STRINGS "${WORK}/mixed-results.jsonl" mixed ENCODING UTF-8)
list(GET mixed 1 second)
list(GET mixed 3 fourth)
json_get(error_line "${second}" line)
json_get(scored_line "${fourth}" line)
json_get(scored_code "${fourth}" code)
json_get(error_column "${second}" column)
if(NOT error_line EQUAL 2 OR NOT error_column EQUAL 3 OR NOT scored_line EQUAL 4 OR NOT second MATCHES "\"error\"")
    fail("results are not in input order with errors in place:\n${mixed}")
endif()
# Each result line carries its input line's --id-field (default profile.code) as "id", scored or
# not, so results join back to their inputs; a line that has none (or is not JSON) gets null.
list(GET mixed 2 third)
string(REGEX MATCH "\"code\":\"([0-9]+)\"" _ "${l1}")
set(code1 "${CMAKE_MATCH_1}")
string(REGEX MATCH "\"code\":\"([0-9]+)\"" _ "${bad_code}")
set(bad_code_value "${CMAKE_MATCH_1}")
list(GET mixed 0 first_result)
json_get(id1 "${first_result}" id)
json_get(id3 "${third}" id)
string(JSON id2_type TYPE "${second}" id)
if(NOT id1 STREQUAL code1 OR NOT id3 STREQUAL bad_code_value OR NOT id2_type STREQUAL "NULL" OR code1 STREQUAL "")
    fail("ids not passed through (expected ${code1}, null, ${bad_code_value}):\n${mixed}")
endif()
# Any field, by its dotted path: a number stays a number, as written.
dxa(2 batch --input "${WORK}/mixed.jsonl" --out "${WORK}/mixed-ids.jsonl" --id-field profile.population)
file(STRINGS "${WORK}/mixed-ids.jsonl" mixed_ids ENCODING UTF-8)
list(GET mixed_ids 0 first_by_population)
string(REGEX MATCH "\"population\":([0-9]+)" _ "${l1}")
if(NOT first_by_population MATCHES "\"id\":${CMAKE_MATCH_1},")
    fail("--id-field profile.population did not pass ${CMAKE_MATCH_1} through as a number:\n${first_by_population}")
endif()

# CSV input: one municipality per row, typed by the questions.
file(WRITE "${WORK}/answers.csv"
     "profile.code,profile.name,profile.prefecture,profile.population,profile.fiscal_year,profile.as_of,profile.staff,telework.status,telework.forms\n"
     "142018,横須賀市,神奈川県,380000,2025,2025-10-01,3400,formal,home;mobile\n"
     "142018,横須賀市,神奈川県,many,2025,2025-10-01,3400,formal,home\n")
dxa(2 batch --input "${WORK}/answers.csv" --out "${WORK}/csv-results.jsonl")
expect("${err}" "answers.csv:3: .*population")
file(STRINGS "${WORK}/csv-results.jsonl" csv_results ENCODING UTF-8)
list(GET csv_results 0 row)
json_get(level "${row}" areas telework level)
if(NOT level EQUAL 2)
    fail("CSV row scored telework level ${level}, expected 2:\n${row}")
endif()
dxa(2 batch --input "${WORK}/answers.csv" --out "${WORK}/csv-ids.jsonl" --id-field profile.name)
file(STRINGS "${WORK}/csv-ids.jsonl" csv_ids ENCODING UTF-8)
list(GET csv_ids 0 row_by_name)
list(GET csv_ids 1 bad_row_by_name)
json_get(name_id "${row_by_name}" id)
json_get(bad_name_id "${bad_row_by_name}" id)
if(NOT name_id STREQUAL "横須賀市" OR NOT bad_name_id STREQUAL "横須賀市")
    fail("CSV: --id-field profile.name not passed through:\n${row_by_name}\n${bad_row_by_name}")
endif()

# --- collect --------------------------------------------------------------------------------------
# An interrupted ingest: the process is killed while a report's transaction is open.
execute_process(COMMAND ${CMAKE_COMMAND} -E env DXASSESS_TEST_INGEST_PAUSE_MS=150 "${DXA}" collect "${WORK}/reports" --db "${db}"
                TIMEOUT 1.5 RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
dxa(0 summary --db "${db}" --format json)
json_get(partial "${out}" stored_reports)
if(partial EQUAL 0 OR partial GREATER_EQUAL 40)
    fail("the interrupted ingest stored ${partial} reports; expected some but not all")
endif()
dxa(0 collect "${WORK}/reports" --db "${db}")
math(EXPR rest "40 - ${partial}")
expect("${out}" "collected 40 files: ${rest} accepted, 0 replaced, ${partial} already collected, 0 rejected")
dxa(0 summary --db "${db}" --format json)
json_get(stored "${out}" stored_reports)
json_get(current "${out}" reports)
if(NOT stored EQUAL 40 OR NOT current EQUAL 40)
    fail("after re-running: ${stored} stored, ${current} current; expected exactly 40 of each")
endif()

# Every reject reason.
dxa(0 assess "${SAMPLE}" -o "${WORK}" --format json)
file(READ "${WORK}/report.json" good)
file(MAKE_DIRECTORY "${WORK}/bad")
file(WRITE "${WORK}/bad/not-json.json" "{ broken")
string(JSON v SET "${good}" schema_version "\"2.0\"")
file(WRITE "${WORK}/bad/schema.json" "${v}")
string(JSON v SET "${good}" municipality code "\"142019\"")
file(WRITE "${WORK}/bad/code.json" "${v}")
string(JSON v SET "${good}" municipality fiscal_year 1990)
file(WRITE "${WORK}/bad/year.json" "${v}")
string(JSON v SET "${good}" provenance rule_sets 0 sha256 "\"0000000000000000000000000000000000000000000000000000000000000000\"")
file(WRITE "${WORK}/bad/rules.json" "${v}")
string(JSON v SET "${good}" answers text "\"\"")
file(WRITE "${WORK}/bad/answers.json" "${v}")
# Scored against other national figures or deadlines than the official reference data.
string(JSON v SET "${good}" provenance reference sha256 "\"1111111111111111111111111111111111111111111111111111111111111111\"")
file(WRITE "${WORK}/bad/reference.json" "${v}")
dxa(2 collect "${WORK}/bad" --db "${db}")
expect("${out}" "rejected .*answers.json: \\[no_answers\\]")
expect("${out}" "rejected .*code.json: \\[bad_code\\] the local government code '142019' fails its check digit")
expect("${out}" "rejected .*not-json.json:1:3: \\[not_a_report\\] not valid JSON: syntax error")  # file:line:column, not the parser's words
expect("${out}" "rejected .*reference.json: \\[reference_not_official\\] the report was scored with reference data \\(national figures, deadlines\\) other than the official reference.toml \\(SHA-256 111111111111…\\)")
expect("${out}" "rejected .*rules.json: \\[rules_not_official\\] area governance was scored with rules that are not the official set")
expect("${out}" "rejected .*schema.json: \\[schema_version\\]")
expect("${out}" "rejected .*year.json: \\[bad_year\\] fiscal year 1990 is out of range")
expect("${out}" "7 rejected \\(bad_code: 1\\) \\(bad_year: 1\\) \\(no_answers: 1\\) \\(not_a_report: 1\\) \\(reference_not_official: 1\\) \\(rules_not_official: 1\\) \\(schema_version: 1\\)")

# Incomplete answers: a file with only [profile] is assessed (exit 3) but never collected; with a
# lower --min-completeness it is stored, and its unassessed areas stay out of every mean.
file(READ "${SAMPLE}" sample)
string(REGEX MATCH "\\[profile\\][^[]*" profile_only "${sample}")
string(REGEX REPLACE "code = \"[0-9]+\"" "code = \"011002\"" profile_only "${profile_only}")  # another government
file(WRITE "${WORK}/profile-only.toml" "${profile_only}")
file(MAKE_DIRECTORY "${WORK}/empty")
dxa(3 assess "${WORK}/profile-only.toml" -o "${WORK}/empty" --format json)
expect("${err}" "Promotion of telework: cannot be assessed \\(required questions unanswered: \"Status of staff telework\"\\)")
dxa(0 explain "${WORK}/empty/report.json" --area telework)
expect("${out}" "Promotion of telework \\(telework\\) — cannot be assessed \\(answers missing\\): status\n  provisional")
dxa(2 collect "${WORK}/empty/report.json" --db "${db}")
expect("${out}" "rejected .*report.json: \\[incomplete\\] area governance has 0% of its required answers \\(--min-completeness 100%\\)")
dxa(0 collect "${WORK}/empty/report.json" "${WORK}/report.json" --db "${WORK}/partial.sqlite" --min-completeness 0)
expect("${out}" "2 accepted")
dxa(0 summary --db "${WORK}/partial.sqlite" --format json)
json_get(mean_index "${out}" mean_index)
json_get(telework_n "${out}" areas 4 n)
string(JSON good_index GET "${good}" overall index)
if(NOT mean_index EQUAL good_index OR NOT telework_n EQUAL 1)
    fail("incomplete areas were averaged: mean index ${mean_index} (expected ${good_index}), telework n ${telework_n}\n${out}")
endif()
dxa(2 collect "${WORK}/empty/report.json" --db "${WORK}/partial.sqlite" --min-completeness 1.5)
expect("${err}" "--min-completeness: Value 1.5 not in range")
# A database made before report schema 1.1 gains the completeness column when it is next opened.
set(old_schema [=[
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE reports (id INTEGER PRIMARY KEY, code TEXT NOT NULL, fiscal_year INTEGER NOT NULL, name TEXT NOT NULL,
  prefecture TEXT NOT NULL, population INTEGER NOT NULL, type TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
  source_file TEXT NOT NULL, received_at TEXT NOT NULL, current INTEGER NOT NULL, answers_text TEXT NOT NULL,
  report_json TEXT NOT NULL);
CREATE TABLE results (report_id INTEGER NOT NULL REFERENCES reports(id), scale TEXT NOT NULL, area TEXT NOT NULL,
  rules_version TEXT NOT NULL, scored INTEGER NOT NULL, level INTEGER NOT NULL, score INTEGER NOT NULL,
  PRIMARY KEY (report_id, scale, area));
CREATE TABLE overall (report_id INTEGER NOT NULL REFERENCES reports(id), scale TEXT NOT NULL, idx REAL NOT NULL,
  PRIMARY KEY (report_id, scale));
""")
]=])
set(read_completeness [=[
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT min(completeness) FROM results").fetchone()[0])
]=])
execute_process(COMMAND "${PYTHON}" -c "${old_schema}" "${WORK}/old.sqlite" RESULT_VARIABLE rc)
dxa(0 collect "${WORK}/report.json" --db "${WORK}/old.sqlite")
expect("${out}" "1 accepted")
execute_process(COMMAND "${PYTHON}" -c "${read_completeness}" "${WORK}/old.sqlite" OUTPUT_VARIABLE completeness RESULT_VARIABLE rc)
expect("${completeness}" "^1.0")

# A re-submission replaces the earlier report; the earlier one is kept as history.
dxa(0 collect "${WORK}/report.json" --db "${db}")
expect("${out}" "1 accepted")
string(REPLACE "status = \"formal\"" "status = \"trial\"" resubmitted "${sample}")
file(WRITE "${WORK}/resubmitted.toml" "${resubmitted}")
file(MAKE_DIRECTORY "${WORK}/second")
dxa(0 assess "${WORK}/resubmitted.toml" -o "${WORK}/second" --format json)
dxa(0 collect "${WORK}/second/report.json" --db "${db}")
expect("${out}" "replaced 142018 FY2025")
dxa(0 summary --db "${db}" --format json)
json_get(stored "${out}" stored_reports)
json_get(current "${out}" reports)
if(NOT stored EQUAL 42 OR NOT current EQUAL 41)
    fail("after a re-submission: ${stored} stored, ${current} current; expected 42 and 41")
endif()

# The database keeps each report's answers and figures; the report's text only with --keep-reports.
set(stored_text [=[
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT answers_text, report_json FROM reports WHERE source_file LIKE '%second/report.json'").fetchone()
print("answers:%d report:%s" % (len(row[0]) > 0, "same" if row[1] == open(sys.argv[2], encoding="utf-8").read() else len(row[1])))
]=])
execute_process(COMMAND "${PYTHON}" -c "${stored_text}" "${db}" "${WORK}/second/report.json" OUTPUT_VARIABLE kept RESULT_VARIABLE rc)
expect("${kept}" "answers:1 report:0")
dxa(0 collect "${WORK}/second/report.json" --db "${WORK}/kept.sqlite" --keep-reports)
execute_process(COMMAND "${PYTHON}" -c "${stored_text}" "${WORK}/kept.sqlite" "${WORK}/second/report.json" OUTPUT_VARIABLE kept RESULT_VARIABLE rc)
expect("${kept}" "answers:1 report:same")

# --- summary views --------------------------------------------------------------------------------
dxa(0 summary --db "${db}")
expect("${out}" "Summary of 41 reports FY2025, scale original")
expect("${out}" "Telework \\(telework\\) +41 ")
dxa(0 summary --db "${db}" --by prefecture --format json)
json_get(groups "${out}" groups)
string(JSON ngroups LENGTH "${groups}")
if(ngroups LESS 10)
    fail("--by prefecture gave ${ngroups} groups")
endif()
expect("${out}" "\"group\": \"14\",\n *\"label\": {\n *\"ja\": \"神奈川県\"")
dxa(0 summary --db "${db}" --by population-band)
expect("${out}" "under 10k[^\n]*\n10k–50k[^\n]*\n50k–100k")
dxa(0 summary --db "${db}" --by type --format csv --bom -o "${WORK}/by-type.csv")
file(READ "${WORK}/by-type.csv" csv HEX LIMIT 3)
if(NOT csv STREQUAL "efbbbf")
    fail("the CSV has no BOM")
endif()
file(READ "${WORK}/by-type.csv" csv)
expect("${csv}" "group,label,n,suppressed,mean_index,mean_level_governance,mean_level_frontyard,mean_level_online,mean_level_standardization")
expect("${csv}" "\ncity,city,[0-9]+,false,")
file(WRITE "${WORK}/expected.csv" "code,name\n# governments expected to submit\n142018,横須賀市\n131016,\"千代田区\"\n")
dxa(0 summary --db "${db}" --expected "${WORK}/expected.csv")
expect("${out}" "not submitted: 1 / 2\n  131016 千代田区 \\(東京都\\)")
file(WRITE "${WORK}/expected-bad.csv" "code,name\n142018,横須賀市\n13101,千代田区\n")
dxa(2 summary --db "${db}" --expected "${WORK}/expected-bad.csv")
expect("${err}" "expected-bad.csv:3:1: invalid local government code '13101'")
dxa(0 summary --db "${db}" --benchmark-out "${WORK}/benchmark.toml" --format html -o "${WORK}/dashboard.html")
dxa(0 assess "${SAMPLE}" -o "${WORK}" --format json --benchmark "${WORK}/benchmark.toml")
if(CHROMIUM)
    execute_process(COMMAND "${PYTHON}" "${CHECK_HTML}" "${CHROMIUM}" --file "${WORK}/dashboard.html" --chart dashboard-chart
                    RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
    if(NOT rc EQUAL 0)
        fail("the dashboard does not render: ${o}${e}")
    endif()
endif()

# --- rescore on another rule-set version -----------------------------------------------------------
file(COPY "${RULES}/" DESTINATION "${WORK}/rules2")
file(READ "${WORK}/rules2/telework.toml" telework)
string(REPLACE "version = \"2.0.0\"" "version = \"2.1.0\"" telework "${telework}")
string(REPLACE "status in [\"considering\", \"trial\", \"formal\"]" "status in [\"trial\", \"formal\"]" telework "${telework}")
file(WRITE "${WORK}/rules2/telework.toml" "${telework}")
dxa(0 rescore --db "${db}" --rules "${WORK}/rules2" --label fy2026-rules)
expect("${out}" "re-scored 41 reports on the scale fy2026-rules")
dxa(0 summary --db "${db}" --scale fy2026-rules --format json)
expect("${out}" "\"area\": \"telework\",[^]]*\\][^]]*\"rules_versions\": \\[\n *\"2.1.0\"")
dxa(0 summary --db "${db}" --format json)
expect("${out}" "\"scales\": \\[\n *\"fy2026-rules\",\n *\"original\"")
expect("${out}" "\"area\": \"telework\",[^]]*\\][^]]*\"rules_versions\": \\[\n *\"2.0.0\"")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "national office tools ok")
