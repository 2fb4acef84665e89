cmake_minimum_required(VERSION 3.25)
# dxassess.exe under Wine, doing what a municipality does.
#   cmake -DEMULATOR=wine-run.sh;PREFIX -DDXA=.../dxassess.exe -DWORK=... -DSOURCE=... -DFIXTURES=... -P windows_cli.cmake
include("${SOURCE}/tests/cli/helpers.cmake")
set(DXA_ENV ${EMULATOR})
file(REMOVE_RECURSE "${WORK}")
set(sample "${SOURCE}/rules/samples/sample-city.toml")

# One line per area and the index: the summary the command prints.
function(summary_of text var)
    string(REGEX MATCHALL "[^\n]*: level [0-5][^\n]*|Overall index [^\n]*" lines "${text}")
    set(${var} "${lines}" PARENT_SCOPE)
endfunction()

# --- The official plugins are DLLs, loaded in process. -----------------------------------------
dxa(0 --version)
expect("${out}" "dxassess [0-9]+\\.[0-9]+\\.[0-9]+")
dxa(0 plugins)
foreach(area standardization mynumber online ai_rpa telework security)
    expect("${out}" "dxassess_${area}.dll|area=${area}")
endforeach()
string(REGEX MATCHALL "\\(official\\)" official "${out}")
list(LENGTH official n)
if(NOT n EQUAL 7)
    fail("expected 7 official plugins, found ${n}:\n${out}")
endif()

# --- Answers and reports in folders with Japanese names. ---------------------------------------
set(folder "${WORK}/令和8年度 DX評価")
file(MAKE_DIRECTORY "${folder}")
file(COPY_FILE "${sample}" "${folder}/回答（市）.toml")
dxa(0 assess "${folder}/回答（市）.toml" -o "${folder}/報告書" --format json,md,html,csv,xlsx)
expect("${out}" "Promotion of telework: level 3 \\(Organisation-wide\\), score 65")
summary_of("${out}" toml_summary)
foreach(f report.json report.md report.html report.csv report.xlsx)
    if(NOT EXISTS "${folder}/報告書/${f}")
        fail("assess wrote no ${f} into the Japanese folder")
    endif()
endforeach()
file(READ "${folder}/報告書/report.json" report)
expect("${report}" "\"code\": \"[0-9]+\"")
expect("${report}" "回答（市）.toml")  # the answers file is named in UTF-8
file(GLOB leftovers "${folder}/報告書/.*tmp*")
if(leftovers)
    fail("temporary files left behind: ${leftovers}")
endif()
# The same in Japanese: UTF-8 on standard output.
execute_process(COMMAND ${DXA_ENV} "${DXA}" assess "${folder}/回答（市）.toml" -o "${folder}/ja" --format json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out_ja ERROR_VARIABLE err_ja)
expect("${rc}: ${out_ja}" "^0: .*テレワークの推進: レベル 3 \\(全庁展開\\), スコア 65")

# assess_same_as_toml(<answers> <output dir> [global options]): its summary equals the TOML answers'.
function(assess_same_as_toml answers out_dir)
    dxa(0 ${ARGN} assess "${answers}" -o "${out_dir}" --format json)
    summary_of("${out}" summary)
    if(NOT summary STREQUAL toml_summary)
        fail("${answers} ${ARGN} gives another result than the TOML answers:\n${summary}\n---\n${toml_summary}")
    endif()
endfunction()

# --- Questionnaire workbook: TOML -> XLSX -> TOML gives the same result. ------------------------
dxa(0 convert "${folder}/回答（市）.toml" -o "${folder}/回答票.xlsx")
assess_same_as_toml("${folder}/回答票.xlsx" "${folder}/xlsx")
dxa(0 convert "${folder}/回答票.xlsx" -o "${folder}/戻し.toml")
assess_same_as_toml("${folder}/戻し.toml" "${folder}/back")
dxa(0 init --format xlsx -o "${folder}/新しい回答票.xlsx")
if(NOT EXISTS "${folder}/新しい回答票.xlsx")
    fail("init --format xlsx wrote no workbook")
endif()
dxa(0 init -o "${folder}/answers.toml")
expect("${out}${err}" "answers.toml")

# --- A bad cell is named by sheet and cell, and nothing is written. ----------------------------
file(WRITE "${folder}/壊れた.toml" "this is = = not toml\n")
dxa(2 assess "${folder}/壊れた.toml" -o "${folder}/none")
expect("${err}" "壊れた.toml:1:")
if(EXISTS "${folder}/none/report.json")
    fail("a report was written for broken answers")
endif()

# --- diff, explain, rules check, rule tests, keys and signing. ---------------------------------
dxa(0 diff "${folder}/報告書/report.json" "${folder}/back/report.json")
dxa(0 explain "${folder}/報告書/report.json" --area telework)
expect("${out}" "telework")
dxa(0 rules check)
expect("${out}" "OK .*telework.toml")
dxa(0 test)
dxa(0 keys generate --code 142018 -o "${folder}/鍵")
dxa(0 assess "${folder}/回答（市）.toml" -o "${folder}/signed" --format json --sign "${folder}/鍵/142018.key")
file(READ "${folder}/signed/report.json" signed)
expect("${signed}" "\"signature\"")

# --- The national office's tools run too (tested in full on Linux: tests/cli/national*.cmake). --
dxa(0 collect "${folder}/報告書/report.json" --db "${folder}/集計.db")
dxa(0 summary --db "${folder}/集計.db")
expect("${out}" "telework")

# --- Faulty foreign plugins are contained in their child process; the other areas are scored. --
# (Not fx_huge_alloc: Wine does not enforce a job object's memory limit.)
file(READ "${SOURCE}/tests/fixtures/rules/fx_segv.toml" rules_template)
file(READ "${sample}" sample_text)
set(cause_fx_segv "plugin test.fx_segv crashed \\(SIGSEGV\\)")
set(cause_fx_null_write "plugin test.fx_null_write crashed \\(SIGSEGV\\)")  # MinGW turns the access violation into SIGSEGV
set(cause_fx_abort "plugin test.fx_abort crashed \\(SIGABRT\\)")
set(cause_fx_slow "plugin test.fx_slow did not finish within the time limit \\(1 s\\)")
set(cause_fx_throw_c "plugin test.fx_throw_c threw a C\\+\\+ exception across the C ABI")
set(cause_fx_load_crash "while being vetted, plugin [^\n]*fx_load_crash.dll crashed \\(SIGSEGV\\)")
set(cause_fx_flood "plugin test.fx_flood wrote more than the output limit \\(1024 KB\\) and was stopped")
foreach(fx fx_segv fx_null_write fx_abort fx_slow fx_throw_c fx_load_crash fx_flood)
    string(REPLACE "fx_segv" "${fx}" rules "${rules_template}")
    file(WRITE "${WORK}/${fx}/rules/${fx}.toml" "${rules}")
    file(WRITE "${WORK}/${fx}/answers.toml" "${sample_text}\n[${fx}]\ncount = 1\n")
    dxa(3 --plugin-timeout 1 --plugin-dir "${FIXTURES}/${fx}" --rules-dir "${WORK}/${fx}/rules"
        assess "${WORK}/${fx}/answers.toml" -o "${WORK}/${fx}/out" --format json)
    expect("${err}" "${cause_${fx}}")
    expect("${out}" "Promotion of telework: level 3 \\(Organisation-wide\\), score 65")
    if(NOT EXISTS "${WORK}/${fx}/out/report.json")
        fail("${fx}: no report written")
    endif()
endforeach()
# Official plugins in child processes too (--isolate) give the same result as in process.
assess_same_as_toml("${folder}/回答（市）.toml" "${folder}/isolated" --isolate)

file(REMOVE_RECURSE "${WORK}")
