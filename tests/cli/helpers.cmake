# Shared by the CLI test scripts: run dxassess and check what it printed.
#   DXA      the program; DXA_ENV  an optional command prefix (e.g. cmake -E env VAR=...)
#   WORK     the scratch directory, removed when a check fails

function(fail msg)
    file(REMOVE_RECURSE "${WORK}")
    message(FATAL_ERROR "${msg}")
endfunction()

# dxa(<expected exit code> args...): runs `dxassess --lang en args...`; sets out and err.
function(dxa expect_rc)
    execute_process(COMMAND ${DXA_ENV} "${DXA}" --lang en ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL expect_rc)
        fail("dxassess ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
    endif()
    set(out "${out}" PARENT_SCOPE)
    set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect text pattern)
    if(NOT text MATCHES "${pattern}")
        fail("does not match '${pattern}':\n${text}")
    endif()
endfunction()

# run(command args...): a command that must succeed; sets out.
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        fail("failed (${rc}): ${ARGN}\n${out}\n${err}")
    endif()
    set(out "${out}" PARENT_SCOPE)
endfunction()
