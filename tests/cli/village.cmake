cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# A small village answering as villages do (sample-village.toml): 該当なし rows, skipped questions and
# notes reach every report form and the national database; no area with work done is 「未着手」;
# the same answers give the same JSON whatever day it is.
#   cmake -DDXA=... -DWORK=... -DVILLAGE=... -DPYTHON=... [-DFAKETIME=...] -P village.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(note "介護保険は広域連合が実施")

dxa(0 assess "${VILLAGE}" -o "${WORK}/out" --format json --format md --format html --format csv --format xlsx)
expect("${out}" "Promotion of telework: level 0")
expect("${out}" "Not applicable 17, annotated answers 34 \\(see the report.s appendix\\)")

# JSON: the N/A rows with their reasons and notes, the questions not asked, 回答率 over asked questions.
file(READ "${WORK}/out/report.json" report)
string(JSON schema GET "${report}" schema_version)
string(JSON telework_asked GET "${report}" areas 8 questions)
string(JSON telework_skipped LENGTH "${report}" areas 8 skipped)
string(JSON online_notes LENGTH "${report}" areas 2 annotations)
string(JSON kaigo_row GET "${report}" areas 2 annotations 4 row)
string(JSON kaigo_reason GET "${report}" areas 2 annotations 4 na reason)
string(JSON kaigo_note GET "${report}" areas 2 annotations 4 note)
if(NOT schema STREQUAL "1.2" OR NOT telework_asked EQUAL 3 OR NOT telework_skipped EQUAL 9 OR NOT online_notes EQUAL 17)
    fail("report.json: schema ${schema}, telework asked ${telework_asked}, skipped ${telework_skipped}, online annotations ${online_notes}")
endif()
if(NOT kaigo_row STREQUAL "kaigo_nintei" OR NOT kaigo_reason STREQUAL "wide_area" OR NOT kaigo_note STREQUAL note)
    fail("annotation 4 of online: ${kaigo_row} ${kaigo_reason} ${kaigo_note}")
endif()
# No area where criteria are met is called 「未着手」, and neither is the whole.
string(JSON areas LENGTH "${report}" areas)
math(EXPR last "${areas} - 1")
foreach(i RANGE ${last})
    string(JSON score GET "${report}" areas ${i} score)
    string(JSON name GET "${report}" areas ${i} level_name ja)
    if(score GREATER 0 AND name STREQUAL "未着手")
        fail("area ${i} has score ${score} and is called 未着手")
    endif()
endforeach()
string(JSON scale_levels LENGTH "${report}" legend levels)
string(JSON score_meaning GET "${report}" legend score ja)
if(NOT scale_levels EQUAL 6)
    fail("report.json: the legend has ${scale_levels} levels, expected 0..5")
endif()
expect("${score_meaning}" "レベル 1〜5 にそれぞれ 20 点")
string(JSON overall_name GET "${report}" overall level_name ja)
expect("${overall_name}" "^平均到達レベル 1.6$")

# The other forms: an appendix with the same notes and reasons, and the level scale.
file(READ "${WORK}/out/report.md" md)
expect("${md}" "## Appendix: not-applicable answers, notes and evidence")
expect("${md}" "\\| Long-term care certification \\| run by a wide-area union or partial-affairs association \\| ${note} \\|")
expect("${md}" "## How to read levels and scores")
file(READ "${WORK}/out/report.html" html)
expect("${html}" "<td>${note}</td>")
file(READ "${WORK}/out/report-notes.csv" csv)
expect("${csv}" "034843,Online administrative procedures,[^\r]*,Long-term care certification,run by a wide-area union or partial-affairs association,${note},,,[\r\n]")
file(ARCHIVE_EXTRACT INPUT "${WORK}/out/report.xlsx" DESTINATION "${WORK}/xlsx")
file(READ "${WORK}/xlsx/xl/workbook.xml" workbook)
expect("${workbook}" "name=\"Notes\"")
file(READ "${WORK}/xlsx/xl/sharedStrings.xml" strings)
expect("${strings}" "${note}")
expect("${strings}" "総務課 佐藤")

# The national database keeps the answers with their notes.
dxa(0 collect "${WORK}/out/report.json" --db "${WORK}/office.sqlite")
expect("${out}" "1 accepted")
execute_process(COMMAND "${PYTHON}" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT answers_text FROM reports').fetchone()[0])"
                "${WORK}/office.sqlite" OUTPUT_VARIABLE stored RESULT_VARIABLE rc)
expect("${stored}" "kaigo_nintei\", na = \"wide_area\", note = \"${note}\"")

# The same answers on two different days: byte-identical JSON (the 基準日 is in the answers, and
# SOURCE_DATE_EPOCH fixes the report's timestamp as reproducible builds do).
if(FAKETIME)
    foreach(day 2026-01-05 2027-07-20)
        file(MAKE_DIRECTORY "${WORK}/${day}")
        execute_process(COMMAND "${CMAKE_COMMAND}" -E env SOURCE_DATE_EPOCH=1767225600 ASAN_OPTIONS=verify_asan_link_order=0
                                "${FAKETIME}" "${day} 10:00:00" "${DXA}" assess "${VILLAGE}" -o "${WORK}/${day}" --format json
                        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
        if(NOT rc EQUAL 0)
            fail("assess under faketime ${day}: exit ${rc}\n${err}")
        endif()
    endforeach()
    file(READ "${WORK}/2026-01-05/report.json" first)
    file(READ "${WORK}/2027-07-20/report.json" second)
    if(NOT first STREQUAL second)
        fail("the same answers gave different reports on two days")
    endif()
    expect("${first}" "\"generated_at\": \"2026-01-01T00:00:00Z\"")
endif()

file(REMOVE_RECURSE "${WORK}")
message(STATUS "village ok")
