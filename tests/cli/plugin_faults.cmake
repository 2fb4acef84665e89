cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# Every fault a foreign plugin can have at load and at scoring, and impostors of an official plugin:
# each time the other areas are scored, the report is written, dxassess exits 3 and names the cause,
# by default and with --isolate. The host never crashes or hangs.
#   cmake -DDXA=... -DWORK=... -DFIXTURES=... -DFIXTURE_RULES=... -DSAMPLE=... -P plugin_faults.cmake
file(REMOVE_RECURSE "${WORK}")
set(DXA_ENV ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)
file(READ "${SAMPLE}" sample)
file(READ "${FIXTURE_RULES}/fx_segv.toml" rules_template)

# fixture -> the cause named on stderr
set(cause_fx_load_exit "exited with status [0-9]+ before returning a result \\(the plugin called exit\\)")
set(cause_fx_garbage_descriptor "while being vetted, plugin [^\n]*fx_garbage_descriptor.so crashed \\(SIGSEGV\\)")
set(cause_fx_garbage_id "while being vetted, plugin [^\n]*fx_garbage_id.so crashed \\(SIGSEGV\\)")
set(cause_fx_load_crash "while being vetted, plugin [^\n]*fx_load_crash.so crashed \\(SIGSEGV\\)")
set(cause_fx_load_abort "while being vetted, plugin [^\n]*fx_load_abort.so crashed \\(SIGABRT\\)")
set(cause_fx_load_hang "while being vetted, plugin [^\n]*fx_load_hang.so did not finish within the time limit \\(1 s\\)")
set(cause_fx_load_throw "threw a C\\+\\+ exception across the C ABI \\(fixture: thrown by the entry point\\)")
set(cause_fx_huge_alloc "plugin test.fx_huge_alloc: memory limit exceeded \\(1024 MB\\)")
set(cause_fx_flood "plugin test.fx_flood wrote more than the output limit \\(1024 KB\\) and was stopped")
set(cause_fx_signal_parent "plugin test.fx_signal_parent tried to signal or trace another process")
set(cause_fx_throw_c "plugin test.fx_throw_c threw a C\\+\\+ exception across the C ABI \\(fixture: thrown across the C ABI\\)")
set(cause_fx_segv "plugin test.fx_segv crashed \\(SIGSEGV\\)")
set(cause_fx_null_write "plugin test.fx_null_write crashed \\(SIGSEGV\\)")
set(cause_fx_abort "plugin test.fx_abort crashed \\(SIGABRT\\)")
set(cause_fx_slow "plugin test.fx_slow did not finish within the time limit \\(1 s\\)")
set(cause_fx_impostor_id "the id prefix jp.dxassess. of 'jp.dxassess.telework' is reserved for official plugins")
set(cause_fx_impostor_area "area 'telework' is reserved for the official plugin jp.dxassess.telework \\([^\n]*dxassess_telework.so\\)")
set(fixtures fx_load_exit fx_garbage_descriptor fx_garbage_id fx_load_crash fx_load_abort fx_load_hang fx_load_throw
    fx_huge_alloc fx_flood fx_signal_parent fx_throw_c fx_segv fx_null_write fx_abort fx_slow fx_impostor_id fx_impostor_area)

foreach(fx IN LISTS fixtures)
    # The vendor's rule set and answers for the fixture's area, as `init` would have written them.
    string(REPLACE "fx_segv" "${fx}" rules "${rules_template}")
    if(fx STREQUAL "fx_impostor_area")
        file(WRITE "${WORK}/${fx}/answers.toml" "${sample}")  # it claims telework, which the sample answers
    else()
        file(WRITE "${WORK}/${fx}/rules/${fx}.toml" "${rules}")
        file(WRITE "${WORK}/${fx}/answers.toml" "${sample}\n[${fx}]\ncount = 1\n")
    endif()
    foreach(mode default isolate)
        set(isolate "")
        if(mode STREQUAL "isolate")
            set(isolate --isolate)
        endif()
        set(out_dir "${WORK}/${fx}/out-${mode}")
        dxa(3 ${isolate} --plugin-timeout 1 --plugin-dir "${FIXTURES}/${fx}" --rules-dir "${WORK}/${fx}/rules"
            assess "${WORK}/${fx}/answers.toml" -o "${out_dir}" --format json)
        expect("${err}" "${cause_${fx}}")
        expect("${out}" "Promotion of telework: level 3 \\(Organisation-wide\\), score 65")
        expect("${out}" "Thorough security measures: level 3")
        if(NOT EXISTS "${out_dir}/report.json")
            fail("${fx} (${mode}): no report written")
        endif()
        file(READ "${out_dir}/report.json" report)
        if(NOT fx STREQUAL "fx_impostor_area")
            expect("${report}" "\"id\": \"${fx}\",[^}]*}[^}]*\"status\": \"not_scored\"")
        endif()
        # Nothing a plugin prints reaches the terminal (the flood wrote 50 MB).
        string(LENGTH "${out}${err}" printed)
        if(printed GREATER 20000)
            fail("${fx} (${mode}): ${printed} bytes printed; a plugin's output must go to the log only")
        endif()
    endforeach()
endforeach()

# `plugins` names the cause and exits 3; so do `rules check` and `test`, never a silent 0.
dxa(3 --plugin-dir "${FIXTURES}/fx_load_exit" --rules-dir "${WORK}/fx_load_exit/rules" plugins)
expect("${out}" "\\[refused\\] [^\n]*fx_load_exit.so\n[^\n]*exited with status [0-9]+ before returning a result")
expect("${out}" "\\[cannot score\\] fx_load_exit\n[^\n]*no plugin was loaded for area fx_load_exit")
# (its rule set names the plugin's fact, unknown without it: an error, after the refusal's cause)
dxa(2 --plugin-dir "${FIXTURES}/fx_load_exit" rules check "${WORK}/fx_load_exit/rules/fx_load_exit.toml")
expect("${err}" "plugin refused: [^\n]*exited with status [0-9]+ before returning a result.*unknown name 'level_hint'")
file(WRITE "${WORK}/fx_load_exit/rules/fx_load_exit.test.toml"
     "[profile]\ncode = \"033014\"\nname = \"テスト町\"\nprefecture = \"岩手県\"\npopulation = 16000\nfiscal_year = 2025\n\n[[cases]]\nname = \"one\"\n[cases.answers.fx_load_exit]\ncount = 1\n[cases.expect.fx_load_exit]\nlevel = 1\n")
dxa(4 --plugin-dir "${FIXTURES}/fx_load_exit" test --min-coverage 100 "${WORK}/fx_load_exit/rules")
expect("${out}" "FAIL  one")

# Two foreign plugins for one area: the second is refused with both paths named; the first scores.
dxa(3 --plugin-dir "${FIXTURES}/fx_good" --plugin-dir "${FIXTURES}/fx_dup_area" --rules-dir "${FIXTURE_RULES}" plugins)
expect("${out}" "\\[refused\\] [^\n]*fx_dup_area/dxassess_fx_dup_area.so\n *area 'fx_good' is already scored by plugin test.fx_good \\([^\n]*fx_good/dxassess_fx_good.so\\)")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "plugin faults contained")
