cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# `dxassess test DIR` judges the rule set beside its tests (or --rules FILE), names that file and its
# SHA-256, and works for an area that is not installed.
#   cmake -DDXA=... -DWORK=... -DRULES=... -DEXAMPLES=... -P rule_test_command.cmake
file(REMOVE_RECURSE "${WORK}")
set(DXA_ENV ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)

# A copy of the telework rules with its tests: they pass, and the output names the copy and its digest.
file(COPY "${RULES}/telework.toml" "${RULES}/telework.test.toml" "${RULES}/samples" DESTINATION "${WORK}/copy")
file(SHA256 "${WORK}/copy/telework.toml" copy_sha)
dxa(0 test "${WORK}/copy")
expect("${out}" "rules telework: ${WORK}/copy/telework.toml  sha256 ${copy_sha}")
expect("${out}" "[0-9]+ passed, 0 failed")

# A threshold changed in the copy: its tests now judge the changed rules (the installed ones are unchanged).
file(READ "${WORK}/copy/telework.toml" rules)
string(REPLACE "when = 'eligible_ratio >= 50%'" "when = 'eligible_ratio >= 95%'" changed "${rules}")
if(changed STREQUAL rules)
    fail("the threshold to change was not found in telework.toml")
endif()
file(WRITE "${WORK}/copy/telework.toml" "${changed}")
dxa(4 test "${WORK}/copy")
expect("${out}" "FAIL  ")
# --rules names the rule set explicitly: the installed one passes the same tests.
dxa(0 test --rules "${RULES}/telework.toml" "${WORK}/copy/telework.test.toml")
expect("${out}" "rules telework: ${RULES}/telework.toml")
dxa(2 test --rules "${WORK}/no-such.toml" "${WORK}/copy")
expect("${err}" "no-such.toml: rule file not found \\(--rules\\)")

# An area that is not installed: a rules-only area, scored by the generic plugin, tested where it lies.
dxa(0 test --min-coverage 100 "${EXAMPLES}/rules-only")
expect("${out}" "rules digital_divide: ${EXAMPLES}/rules-only/digital_divide.toml  sha256 [0-9a-f]+")
expect("${out}" "coverage 100%")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "dxassess test judges the rule set beside its tests")
