cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# `dxassess init`: the template parses back as answers once filled in, and re-running it keeps
# every answer.   cmake -DDXA=... -DWORK=... -P init_roundtrip.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(answers "${WORK}/answers.toml")


dxa(0 init -o "${answers}")
expect("${out}" "wrote the answers template: .*answers.toml \\(68 questions\\)")
# The blank template is valid TOML: the only complaints are the missing profile fields.
dxa(2 assess "${answers}" -o "${WORK}")
expect("${err}" "answers.toml:[0-9]+:[0-9]+: \\[profile\\]: missing required key 'code'")
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
expect("${out}" "Promotion of telework: level 1")

# Re-running init keeps every answer and the file still assesses the same.
dxa(0 init -o "${answers}")
expect("${out}" "kept 7 answers")
file(READ "${answers}" again)
expect("${again}" "\ncode = '011002'\n")
expect("${again}" "\nforms = \\[ 'home', 'mobile' \\]\n")
expect("${again}" "\n# staff_total = 1  # 例 / example\n")
dxa(0 assess "${answers}" -o "${WORK}")
expect("${out}" "Promotion of telework: level 1")

# A file that is not valid TOML is refused and left untouched.
file(WRITE "${WORK}/broken.toml" "[profile\n")
dxa(2 init -o "${WORK}/broken.toml")
expect("${err}" "broken.toml:1:9: TOML syntax error")
file(READ "${WORK}/broken.toml" broken)
expect("${broken}" "^\\[profile\n$")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "init round trip ok")
