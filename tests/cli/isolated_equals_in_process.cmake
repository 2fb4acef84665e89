cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# Scoring with every plugin in a child process (--isolate) gives the same report as in process, for
# each sample: the child receives the answers (N/A, notes, tables, lists), profile and files as JSON
# and rebuilds the rest, so this holds that passage to the in-process result.
#   cmake -DDXA=... -DWORK=... -DSAMPLES=... -P isolated_equals_in_process.cmake
file(REMOVE_RECURSE "${WORK}")
foreach(sample city large-city small-town village)
    dxa(0 assess "${SAMPLES}/sample-${sample}.toml" -o "${WORK}/${sample}/in-process" --format json)
    dxa(0 --isolate assess "${SAMPLES}/sample-${sample}.toml" -o "${WORK}/${sample}/isolated" --format json)
    file(READ "${WORK}/${sample}/in-process/report.json" in_process)
    file(READ "${WORK}/${sample}/isolated/report.json" isolated)
    string(REGEX REPLACE "\"generated_at\": \"[^\"]*\"" "" in_process "${in_process}")
    string(REGEX REPLACE "\"generated_at\": \"[^\"]*\"" "" isolated "${isolated}")
    if(NOT in_process STREQUAL isolated)
        fail("${sample}: the --isolate report differs from the in-process one")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
