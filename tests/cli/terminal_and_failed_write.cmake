cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# The terminal summary is coloured on a TTY only (and never with NO_COLOR); a failed write leaves
# every report whole and no temporary file behind.   cmake -DDXA=... -DSAMPLE=... -DWORK=... -P ...
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
string(ASCII 27 esc)

# Piped: no colour.
execute_process(COMMAND "${DXA}" assess "${SAMPLE}" -o "${WORK}" --format json OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR out MATCHES "${esc}")
    fail("piped output must have no colour codes (exit ${rc}):\n${out}")
endif()
# On a terminal (util-linux `script` provides one): colour, unless NO_COLOR is set.
find_program(SCRIPT script REQUIRED)
execute_process(COMMAND "${SCRIPT}" -qec "'${DXA}' assess '${SAMPLE}' -o '${WORK}' --format json" /dev/null OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "${esc}\\[1m")
    fail("terminal output should be coloured (exit ${rc}):\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 "${SCRIPT}" -qec "'${DXA}' assess '${SAMPLE}' -o '${WORK}' --format json" /dev/null
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR out MATCHES "${esc}")
    fail("NO_COLOR must turn colour off (exit ${rc}):\n${out}")
endif()

# A failed write: report.html cannot be replaced (a directory is in the way).
file(MAKE_DIRECTORY "${WORK}/report.html/blocker")
file(READ "${WORK}/report.json" json_before)
execute_process(COMMAND "${DXA}" --lang en assess "${SAMPLE}" -o "${WORK}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "report.html: rename failed")
    fail("a failed write must exit 1 naming the file (exit ${rc}):\n${out}\n${err}")
endif()
file(GLOB leftovers "${WORK}/.report*")
if(leftovers)
    fail("temporary files were left behind: ${leftovers}")
endif()
# Nothing was replaced: report.json is still the one from the earlier run, whole.
file(READ "${WORK}/report.json" json)
if(NOT json STREQUAL json_before)
    fail("report.json was replaced although the batch failed")
endif()
if(EXISTS "${WORK}/report.md")
    fail("report.md was written although the batch failed")
endif()
file(REMOVE_RECURSE "${WORK}")
message(STATUS "terminal colour and failed writes ok")
