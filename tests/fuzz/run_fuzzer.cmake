cmake_minimum_required(VERSION 3.25)
# Runs one fuzz target: SECONDS=0 replays the committed corpus (SEEDS) and the shipped files
# (SHIPPED, directories joined by |) once; otherwise fuzzes for SECONDS (or, given RUNS, for that
# many executions), growing a working corpus in WORK (kept in the build tree, so later runs resume
# from it) and writing any crashing input to WORK/findings/.
#   cmake -DFUZZER=... -DMAX_LEN=... -DDICT=... -DSEEDS=... -DSHIPPED=... -DWORK=... -DSECONDS=...|-DRUNS=... -P run_fuzzer.cmake
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/findings")
set(inputs "${SEEDS}")
if(SHIPPED)
    string(REPLACE "|" ";" shipped "${SHIPPED}")
    list(APPEND inputs ${shipped})
endif()
if(RUNS)
    set(args -runs=${RUNS} -print_final_stats=1 "${WORK}/corpus" ${inputs})
elseif(SECONDS EQUAL 0)
    set(args -runs=0 ${inputs})
else()
    set(args -max_total_time=${SECONDS} -print_final_stats=1 "${WORK}/corpus" ${inputs})
endif()
execute_process(COMMAND "${FUZZER}" -max_len=${MAX_LEN} -dict=${DICT} -timeout=10 -rss_limit_mb=2048
                        -artifact_prefix=${WORK}/findings/ ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" runs "${err}")
string(REGEX MATCH "stat::new_units_added: *[0-9]+" added "${err}")
message(STATUS "${FUZZER}: ${runs} ${added}")
if(NOT rc EQUAL 0)
    string(LENGTH "${err}" n)
    if(n GREATER 6000)
        math(EXPR from "${n} - 6000")
        string(SUBSTRING "${err}" ${from} 6000 err)
    endif()
    message(FATAL_ERROR "${FUZZER} found a problem (exit ${rc}); the input is in ${WORK}/findings/:\n${err}")
endif()
