cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# Reference data is data: editing a national figure or a deadline in reference.toml changes findings
# with no rebuild; a malformed file is refused with its place; collect refuses reports scored with
# reference data other than the official copy.
#   cmake -DDXA=... -DWORK=... -DRULES=staged-rules-dir -DSAMPLE=sample-city.toml -P reference.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/official" "${WORK}/edited" "${WORK}/deadline")
file(COPY "${RULES}/" DESTINATION "${WORK}/rules")

# The official figures: the city's 79.5% is below the national 81.2% (2026-01-31).
dxa(0 assess "${SAMPLE}" -o "${WORK}/official")
expect("${out}" "The holding ratio is below the national ratio \\(81.2% as of 2026-01-31\\) \\(My Number Card\\)")
file(READ "${WORK}/official/report.json" official)
string(JSON official_sha GET "${official}" provenance reference sha256)
# Each digest the report records is that of the file it names (read once: hashed and parsed alike).
foreach(part "reference" "model" "rule_sets;0" "rule_sets;4")
    string(JSON recorded GET "${official}" provenance ${part} sha256)
    string(JSON named GET "${official}" provenance ${part} file)
    file(SHA256 "${named}" actual)
    if(NOT recorded STREQUAL actual)
        fail("provenance ${part}: recorded ${recorded}, but ${named} has ${actual}")
    endif()
endforeach()
expect("${official}" "\"id\": \"card_holding_national\",\n *\"label\": {[^}]*},\n *\"value\": \"81.2%\",\n *\"as_of\": \"2026-01-31\"")
file(READ "${WORK}/official/report.md" md)
expect("${md}" "## Appendix: national figures and deadlines compared with")
expect("${md}" "\\| 81.2% \\| 2026-01-31 \\| 総務省「マイナンバーカードの交付状況」2026年1月末 https://www.soumu.go.jp/kojinbango.?_card/kofujokyo.html \\|")
expect("${md}" "Criteria: Municipal Digital Transformation \\(DX\\) Promotion Plan, 第2.3版 \\(2024-02-05\\)")

# explain shows each level's source and caveat, and the dated figure a condition compares with.
dxa(0 explain "${WORK}/official/report.json" --area mynumber)
expect("${out}" "condition: hokensho_rate >= ref.hokensho_kokuho_national\n      national figure: [^\n]* = 46.8% \\(as of 2025-08-31; 厚生労働省")
expect("${out}" "caveat: The national NHI figure \\(46.8%, as of 2025-08-31\\) is a press figure.")

# The national office publishes a new figure: one edit of one file, the same program.
file(READ "${WORK}/rules/reference.toml" reference)
string(REPLACE "value = 0.812\nas_of = 2026-01-31" "value = 0.79\nas_of = 2026-06-30" edited "${reference}")
if(edited STREQUAL reference)
    fail("the national holding ratio was not found in reference.toml")
endif()
file(WRITE "${WORK}/rules/reference.toml" "${edited}")
dxa(0 --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/edited")
if(out MATCHES "below the national ratio")
    fail("the finding did not follow the new national figure:\n${out}")
endif()
file(READ "${WORK}/edited/report.json" report)
string(JSON edited_sha GET "${report}" provenance reference sha256)
if(edited_sha STREQUAL official_sha)
    fail("the report does not record which reference data it used")
endif()
expect("${report}" "\"value\": \"79%\",\n *\"as_of\": \"2026-06-30\"")

# diff says when two reports compared with different reference data.
dxa(0 diff "${WORK}/official/report.json" "${WORK}/edited/report.json")
expect("${out}" "⚠ the reference data differs \\(2026.12 \\([0-9a-f]+\\) → 2026.12 \\([0-9a-f]+\\)\\): criteria that compare with national figures or deadlines may differ")
dxa(0 diff "${WORK}/official/report.json" "${WORK}/official/report.json")
if(out MATCHES "reference data differs")
    fail("diff warned about the reference data of the same report")
endif()

# collect accepts only reports scored with the official reference data.
dxa(2 collect "${WORK}/edited/report.json" --db "${WORK}/office.sqlite")
expect("${out}" "\\[reference_not_official\\]")
dxa(0 collect "${WORK}/official/report.json" --db "${WORK}/office.sqlite")
expect("${out}" "1 accepted")

# A deadline moved earlier (a revised 標準化基本方針): systems due 2026-03-01 become late.
string(REPLACE "value = 2026-03-31\nas_of = 2023-09-08" "value = 2025-09-30\nas_of = 2023-09-08" deadline "${reference}")
file(WRITE "${WORK}/rules/reference.toml" "${deadline}")
dxa(0 --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/deadline")
expect("${out}" "Some systems miss the deadline \\(2025-09-30\\) without being designated for extended support")

# A malformed reference file stops everything, with file:line:column and what was expected.
string(REPLACE "value = 0.812" "value = 81.2" broken "${reference}")
file(WRITE "${WORK}/rules/reference.toml" "${broken}")
dxa(2 --rules-dir "${WORK}/rules" assess "${SAMPLE}" -o "${WORK}/broken")
expect("${err}" "reference.toml:[0-9]+:9: figure 'card_holding_national': a ratio is written 0..1 \\(81.2% -> 0.812\\)")
dxa(2 --rules-dir "${WORK}/rules" rules check)
expect("${err}" "reference.toml:[0-9]+:9: ")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "reference data: figures and deadlines change findings without a rebuild")
