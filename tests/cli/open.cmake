cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# --open hands the written report.html (assess) or the written file (init) to the desktop's opener
# (xdg-open here, a stand-in that records what it was given), and a missing opener is only a note.
#   cmake -DDXA=... -DWORK=... -DSAMPLE=... -P open.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/bin")
file(WRITE "${WORK}/bin/xdg-open" "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"${WORK}/opened\"\n")
file(CHMOD "${WORK}/bin/xdg-open" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)

function(wait_for_opened expected)
    foreach(i RANGE 50)
        if(EXISTS "${WORK}/opened")
            file(READ "${WORK}/opened" opened)
            if(opened MATCHES "${expected}")
                file(REMOVE "${WORK}/opened")
                return()
            endif()
        endif()
        execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 0.1)
    endforeach()
    fail("the opener was not given ${expected}")
endfunction()

set(DXA_ENV ${CMAKE_COMMAND} -E env "PATH=${WORK}/bin:$ENV{PATH}")
dxa(0 assess "${SAMPLE}" -o "${WORK}/out" --open)
wait_for_opened("${WORK}/out/report.html\n")
dxa(0 init --format xlsx -o "${WORK}/回答票.xlsx" --open)
wait_for_opened("${WORK}/回答票.xlsx\n")

set(DXA_ENV ${CMAKE_COMMAND} -E env "PATH=${WORK}/empty")
dxa(0 assess "${SAMPLE}" -o "${WORK}/out2" --format json --open)
expect("${err}" "report.json: no program could be started to open it")
file(REMOVE_RECURSE "${WORK}")
