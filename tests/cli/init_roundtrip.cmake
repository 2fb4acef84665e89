cmake_minimum_required(VERSION 3.25)
# `dxassess init`: the template parses back as answers once filled in, and re-running it keeps
# every answer.   cmake -DDXA=... -DWORK=... -P init_roundtrip.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(answers "${WORK}/answers.toml")

function(dxa expect_rc)
    execute_process(COMMAND "${DXA}" --lang en ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL expect_rc)
        file(REMOVE_RECURSE "${WORK}")
        message(FATAL_ERROR "dxassess ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
    endif()
    set(out "${out}" PARENT_SCOPE)
    set(err "${err}" PARENT_SCOPE)
endfunction()
function(expect text pattern what)
    if(NOT text MATCHES "${pattern}")
        file(REMOVE_RECURSE "${WORK}")
        message(FATAL_ERROR "${what}: does not match '${pattern}':\n${text}")
    endif()
endfunction()

dxa(0 init -o "${answers}")
expect("${out}" "wrote the answers template: .*answers.toml \\(68 questions\\)" "first init")
# The blank template is valid TOML: the only complaints are the missing profile fields.
dxa(2 assess "${answers}" -o "${WORK}")
expect("${err}" "answers.toml:[0-9]+:[0-9]+: \\[profile\\]: missing required key 'code'" "blank template")
if(err MATCHES "syntax")
    message(FATAL_ERROR "the template is not valid TOML: ${err}")
endif()

# Fill in the profile and two answers, as a person would: uncomment and edit.
file(READ "${answers}" text)
foreach(pair "code = \"142018\"|code = \"011002\"" "name = \"横須賀市\"|name = \"札幌市\"" "prefecture = \"神奈川県\"|prefecture = \"北海道\""
             "population = 380000|population = 1950000" "fiscal_year = 2025|fiscal_year = 2025" "status = \"formal\"|status = \"trial\""
             "forms = \\[\"home\"\\]|forms = [\"home\", \"mobile\"]")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 from)
    list(GET pair 1 to)
    string(REGEX REPLACE "# ${from}  # 例 / example" "${to}" text "${text}")
endforeach()
file(WRITE "${answers}" "${text}")
dxa(0 assess "${answers}" -o "${WORK}")
expect("${out}" "Promotion of telework: level 1" "filled template")

# Re-running init keeps every answer and the file still assesses the same.
dxa(0 init -o "${answers}")
expect("${out}" "kept 7 answers" "second init")
file(READ "${answers}" again)
expect("${again}" "\ncode = '011002'\n" "kept code")
expect("${again}" "\nforms = \\[ 'home', 'mobile' \\]\n" "kept forms")
expect("${again}" "\n# staff_total = 1  # 例 / example\n" "unanswered stays a comment")
dxa(0 assess "${answers}" -o "${WORK}")
expect("${out}" "Promotion of telework: level 1" "after re-init")

# A file that is not valid TOML is refused and left untouched.
file(WRITE "${WORK}/broken.toml" "[profile\n")
dxa(2 init -o "${WORK}/broken.toml")
expect("${err}" "broken.toml:1:9: TOML syntax error" "broken file")
file(READ "${WORK}/broken.toml" broken)
expect("${broken}" "^\\[profile\n$" "broken file untouched")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "init round trip ok")
