cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# `dxassess init`: the template parses back as answers once filled in, and re-running it adds new
# questions without touching a byte the user wrote.   cmake -DDXA=... -DWORK=... -P init_roundtrip.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(answers "${WORK}/answers.toml")

dxa(0 init -o "${answers}")
expect("${out}" "wrote the answers template: .*answers.toml \\(94 questions\\)")
# The blank template is valid TOML: the only complaints are the missing profile fields, and the
# pre-filled rows of the table questions (one per procedure, one per business) are not answers yet.
dxa(2 assess "${answers}" -o "${WORK}")
expect("${err}" "answers.toml:[0-9]+:[0-9]+: \\[profile\\]: missing required key 'code'")
if(err MATCHES "syntax|systems\\[|procedures\\[")
    message(FATAL_ERROR "the template does not parse cleanly: ${err}")
endif()
file(READ "${answers}" text)
expect("${text}" "\nprocedures = \\[\n  { procedure = \"jidou_nintei\" },  # 児童手当")
expect("${text}" "\n# as_of = 2025-10-01  # 例 / example\n")
expect("${text}" "^# dxassess [^\n]*\n# 評価基準 / criteria: 自治体デジタル・トランスフォーメーション（DX）推進計画 第2.3版（2024-02-05）\n")
expect("${text}" "\n# staff = 3400  # 例 / example\n")

# Fill in the profile and a few answers as a person would: uncomment and edit, with their own
# comments, quoting and a note.
foreach(pair "code = \"142018\"|code = \"011002\"  # 札幌市" "name = \"横須賀市\"|name = '札幌市'" "prefecture = \"神奈川県\"|prefecture = \"北海道\""
             "population = 380000|population = 1950000" "fiscal_year = 2025|fiscal_year = 2025" "status = \"formal\"|status = \"trial\"   # 試行中"
             "forms = \\[\"home\"\\]|forms = [\"home\", 'mobile']")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 from)
    list(GET pair 1 to)
    string(REGEX REPLACE "# ${from}  # 例 / example" "${to}" text "${text}")
endforeach()
# The staff number is a common fact, asked once in [profile] for every area.
string(REPLACE "# staff = 3400  # 例 / example" "staff = 120   # 4月1日時点" text "${text}")
if(NOT text MATCHES "\nstaff = 120   # 4月1日時点\n")
    fail("the template has no [profile] staff line")
endif()
if(text MATCHES "staff_total")
    fail("an area asks the staff number again")
endif()
file(WRITE "${answers}" "${text}")
# Other areas lack required answers: exit 3, and telework is assessed with the staff from [profile].
dxa(3 assess "${answers}" -o "${WORK}")
expect("${out}" "Promotion of telework: level 1")
expect("${out}" "Standardization of information systems: Cannot be assessed")

# Re-running init changes nothing when nothing is new: byte for byte.
dxa(0 init -o "${answers}")
expect("${out}" "added 0 new questions")
file(READ "${answers}" again)
if(NOT again STREQUAL text)
    fail("init changed a file with no new questions")
endif()

# A file from an older version lacks a question (labor_rules) and answers one no longer asked:
# init inserts the question under its own heading, comments out the old answer, and leaves every
# other byte as it was.
string(REGEX REPLACE "# ■ テレワーク時の労務管理[^\n]*\n(#[^\n]*\n)*\n" "" older "${text}")
string(REPLACE "\nstatus = \"trial\"   # 試行中\n" "\nstatus = \"trial\"   # 試行中\nretired_question = 3\n" older "${older}")
file(WRITE "${answers}" "${older}")
dxa(0 init -o "${answers}")
expect("${out}" "added 1 new questions; 1 answers to questions no longer asked turned into comments")
file(READ "${answers}" updated)
expect("${updated}" "# （現在のルールにない回答 / not asked by the current rules）\n# retired_question = 3\n")
expect("${updated}" "# ■ テレワーク時の労務管理[^\n]*\n(#[^\n]*\n)*# labor_rules = true  # 例 / example\n")
string(REPLACE "# （現在のルールにない回答 / not asked by the current rules）\n# retired_question = 3\n" "retired_question = 3\n" undone "${updated}")
string(REGEX REPLACE "\n# ■ テレワーク時の労務管理[^\n]*\n(#[^\n]*\n)*\n" "\n" undone "${undone}")
if(NOT undone STREQUAL older)
    fail("init changed more than the inserted question and the retired answer")
endif()
dxa(3 assess "${answers}" -o "${WORK}")
expect("${out}" "Promotion of telework: level 1")

# A file that is not valid TOML is refused and left untouched.
file(WRITE "${WORK}/broken.toml" "[profile\n")
dxa(2 init -o "${WORK}/broken.toml")
expect("${err}" "broken.toml:1:9: ")
file(READ "${WORK}/broken.toml" broken)
expect("${broken}" "^\\[profile\n$")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "init round trip ok")
