cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# Lock files (write, check, refuse on a changed plugin or rule set), the per-system settings file
# with config.d drop-ins, and a crashing vendor plugin contained by isolation.
#   cmake -DDXA=... -DWORK=... -DFIXTURES=... -DFIXTURE_RULES=... -DRULES=... -DSAMPLE=... -P trust.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/out")
set(DXA_ENV ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)  # no settings file unless a step sets one

# --- Lock files ---------------------------------------------------------------------------------
dxa(0 plugins --lock "${WORK}/lock.json")
expect("${out}" "wrote the lock file: .*lock.json")
dxa(0 --lock-file "${WORK}/lock.json" plugins --check)
expect("${out}" "matches the lock file")
dxa(0 --lock-file "${WORK}/lock.json" assess "${SAMPLE}" -o "${WORK}/out" --format json)

# A plugin whose digest differs from the lock is refused; the other areas are still scored.
file(READ "${WORK}/lock.json" lock)
string(JSON n LENGTH "${lock}" plugins)
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
    string(JSON id GET "${lock}" plugins ${i} id)
    if(id STREQUAL "jp.dxassess.telework")
        string(JSON lock SET "${lock}" plugins ${i} sha256 "\"0000000000000000000000000000000000000000000000000000000000000000\"")
    endif()
endforeach()
file(WRITE "${WORK}/tampered.json" "${lock}")
dxa(3 --lock-file "${WORK}/tampered.json" plugins --check)
expect("${out}" "plugin jp.dxassess.telework's SHA-256 differs from the lock file \\(locked 000000000000…")
dxa(3 --lock-file "${WORK}/tampered.json" assess "${SAMPLE}" -o "${WORK}/out" --format json)
expect("${out}" "Thorough security measures: level 3")
expect("${err}" "Promotion of telework: not scored: plugin .*dxassess_telework.so was refused: plugin jp.dxassess.telework's SHA-256 differs")

# A vendor plugin missing from the lock file is refused, and its area is reported as not scored (exit 3),
# never silently dropped from a report marked complete.
file(COPY "${FIXTURE_RULES}/fx_good.toml" DESTINATION "${WORK}/vendor-rules")
file(READ "${SAMPLE}" sample_text)
file(WRITE "${WORK}/with-vendor.toml" "${sample_text}\n[fx_good]\ncount = 3\n")
dxa(3 --lock-file "${WORK}/lock.json" --plugin-dir "${FIXTURES}/fx_good" --rules-dir "${WORK}/vendor-rules"
    assess "${WORK}/with-vendor.toml" -o "${WORK}/out" --format json)
expect("${err}" "Test area fx_good: not scored: plugin [^\n]*dxassess_fx_good.so was refused: plugin test.fx_good is not in the lock file")
expect("${out}" "Promotion of telework: level 3")
file(READ "${WORK}/out/report.json" report)
expect("${report}" "\"complete\": false")

# A rule set edited after locking is refused.
file(COPY "${RULES}/" DESTINATION "${WORK}/rules")
file(APPEND "${WORK}/rules/security.toml" "# edited after the lock\n")
dxa(3 --lock-file "${WORK}/lock.json" --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/out" --format json)
expect("${err}" "Thorough security measures: not scored: .*security.toml's SHA-256 differs from the lock file")
expect("${out}" "Promotion of telework: level 3")

# Reference data edited after locking (a national figure changed) is refused as a whole: every area
# compares with it. A lock file written before reference data existed does not check it.
file(REMOVE_RECURSE "${WORK}/rules")
file(COPY "${RULES}/" DESTINATION "${WORK}/rules")
file(APPEND "${WORK}/rules/reference.toml" "# edited after the lock\n")
dxa(2 --lock-file "${WORK}/lock.json" --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/out2" --format json)
expect("${err}" "reference.toml: reference.toml's SHA-256 differs from the lock file")
file(READ "${WORK}/lock.json" untampered)
string(JSON old_lock REMOVE "${untampered}" reference)
file(WRITE "${WORK}/old-lock.json" "${old_lock}")
dxa(0 --lock-file "${WORK}/old-lock.json" --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/out2" --format json)

# --- Settings file and config.d drop-ins --------------------------------------------------------
file(WRITE "${WORK}/etc/config.toml" "plugin_dirs = [\"${FIXTURES}/fx_good\"]\nrules_dirs = [\"${FIXTURE_RULES}\"]\n")
file(WRITE "${WORK}/etc/config.d/vendor.toml" "plugin_dirs = [\"${FIXTURES}/fx_segv\"]\n")
set(DXA_ENV ${CMAKE_COMMAND} -E env "DXASSESS_CONFIG=${WORK}/etc/config.toml")
dxa(3 plugins)  # the fixture rules name areas whose plugins are not installed here
expect("${out}" "test.fx_good 0.1.0  area=fx_good  abi=1.3  \\(isolated\\)")
expect("${out}" "\\[cannot score\\] fx_abort\n      no plugin is installed for area fx_abort")
expect("${out}" "test.fx_segv 0.1.0  area=fx_segv")

# A crashing vendor plugin: its area fails with a clear message, the report is still written.
file(READ "${SAMPLE}" sample)
file(WRITE "${WORK}/answers.toml" "${sample}\n[fx_segv]\ncount = 1\n")
file(REMOVE "${WORK}/out/report.json")
dxa(3 assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${err}" "not scored: plugin test.fx_segv crashed \\(SIGSEGV\\)")
expect("${out}" "Promotion of telework: level 3")
file(READ "${WORK}/out/report.json" report)
expect("${report}" "\"status\": \"not_scored\"")

# A malformed settings file is an input error with its place.
file(WRITE "${WORK}/etc/config.d/broken.toml" "plugin_dirs = \"not a list\"\n")
dxa(2 plugins)
expect("${err}" "broken.toml:1:15: settings file: 'plugin_dirs' must be an array, found string")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "trust ok")
