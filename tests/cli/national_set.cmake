cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# A generated national set — 1,788 governments shaped like Japan's, three fiscal years — through
# batch, collect (every report re-scored) and summary: peer-group means and trend rows against a
# hand computation, the dashboard in headless Chromium (47 map tiles, Japanese names, bands in
# order, non-submitters by name), one prefecture's list, and a benchmark naming the own peer group.
#   cmake -DDXA=... -DWORK=... -DSAMPLE=... -DPYTHON=... -DTOOLS=tests/tools -DCHROMIUM=... -P national_set.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(db "${WORK}/office.sqlite")

dxa(0 generate --national --years 3 --year 2025 --seed 7 --out "${WORK}/answers.jsonl")
expect("${out}" "generated 5364 ")
dxa(0 batch --input "${WORK}/answers.jsonl" --out "${WORK}/results.jsonl" --reports "${WORK}/reports")
expect("${out}" "scored 5364, bad lines 0")
dxa(0 collect "${WORK}/reports" --db "${db}")
expect("${out}" "collected 5364 files: 5364 accepted, 0 replaced, 0 already collected, 0 rejected")

run("${PYTHON}" "${TOOLS}/check_national_summary.py" "${DXA}" "${db}" "${WORK}/answers.jsonl" "${WORK}/results.jsonl" 2025)

dxa(0 summary --db "${db}" --trend --format csv)
expect("${out}" "^year,area,n,level0,level1,level2,level3,level4,level5,mean_level,mean_score,rules_versions\n2023,governance,")
expect("${out}" "\n2025,telework,[0-9]+,")
dxa(0 summary --db "${db}" --by peer-group)
expect("${out}" "Designated city +20 ")
expect("${out}" "Special ward +23 ")

# One prefecture's governments: Tokyo's 23 special wards among them, with level per area.
dxa(0 summary --db "${db}" --prefecture 東京都 --format csv)
expect("${out}" "^code,name,prefecture,peer_group,level_governance,")
string(REGEX MATCHALL "\n13[0-9]+,[^\n]*,special_ward," wards "${out}")
list(LENGTH wards n)
if(NOT n EQUAL 23)
    fail("--prefecture 東京都 lists ${n} special wards, expected 23")
endif()
if(out MATCHES "\n(0[0-9]|1[0-24-9]|[2-4][0-9])[0-9]+,")
    fail("--prefecture 東京都 lists governments of other prefectures")
endif()
dxa(2 summary --db "${db}" --prefecture Atlantis)
expect("${err}" "unknown prefecture 'Atlantis' \\(01..47 or a name\\)")

# Who has not submitted, by name: every government of the set plus two that never sent a report.
file(STRINGS "${WORK}/answers.jsonl" first_year LIMIT_COUNT 1788 ENCODING UTF-8)
set(expected "code,name\n")
foreach(line IN LISTS first_year)
    string(JSON code GET "${line}" profile code)
    string(JSON name GET "${line}" profile name)
    string(APPEND expected "${code},${name}\n")
endforeach()
string(APPEND expected "139009,未提出区\n472018,那覇市\n")  # codes the set does not use
file(WRITE "${WORK}/expected.csv" "${expected}")
dxa(0 summary --db "${db}" --expected "${WORK}/expected.csv")
expect("${out}" "not submitted: 2 / 1790\n  139009 未提出区 \\(東京都\\)\n  472018 那覇市 \\(沖縄県\\)")

# The dashboard: map, Japanese names, bands in numeric order, trend, drill-down, non-submitters.
run("${DXA}" --lang ja summary --db "${db}" --by population-band --trend --expected "${WORK}/expected.csv" --format html -o "${WORK}/dashboard.html"
    --benchmark-out "${WORK}/benchmark.toml")
if(CHROMIUM)
    run("${PYTHON}" "${TOOLS}/check_html.py" "${CHROMIUM}" --file "${WORK}/dashboard.html" --chart dashboard-map --tiles 47
        --expect-text 推進体制 --expect-text フロントヤード --expect-text テレワーク --expect-text 那覇市 --expect-text 年度ごとの推移
        --expect-order 1万人未満 1万〜5万人 5万〜10万人 10万〜30万人 30万〜100万人 100万人以上)
    # The check must be able to fail: the same page does not have 48 tiles.
    execute_process(COMMAND "${PYTHON}" "${TOOLS}/check_html.py" "${CHROMIUM}" --file "${WORK}/dashboard.html" --chart dashboard-map --tiles 48
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
        fail("check_html.py accepted 47 tiles as 48")
    endif()
endif()
run("${DXA}" --lang ja summary --db "${db}" --by prefecture --map-area telework --format html -o "${WORK}/by-telework.html")
file(READ "${WORK}/by-telework.html" html)
expect("${html}" "<title>都道府県別の地図: 平均レベル: テレワーク</title>")
expect("${html}" "<g class=\"tile\"><title>北海道: 平均レベル: テレワーク [0-9.]+ \\(n=[0-9]+\\)</title>")
dxa(2 summary --db "${db}" --map-area teleworks --format html)
expect("${err}" "unknown area 'teleworks'")

# The benchmark carries each peer group's means; a 中核市's report is compared with its own group.
file(READ "${WORK}/benchmark.toml" benchmark)
expect("${benchmark}" "\n\\[peer_groups.core_city\\]  # 中核市\nn = 62\n")
dxa(0 assess "${SAMPLE}" -o "${WORK}/own" --format json --benchmark "${WORK}/benchmark.toml")
file(READ "${WORK}/own/report.json" report)
string(JSON peer GET "${report}" benchmark peer_group)
string(JSON bench_name GET "${report}" benchmark name ja)
if(NOT peer STREQUAL "core_city" OR NOT bench_name STREQUAL "類似団体区分「中核市」の平均（62 団体）")
    fail("the report's benchmark is '${bench_name}' (${peer}), expected the 中核市 group's")
endif()

file(REMOVE_RECURSE "${WORK}")
message(STATUS "national set ok")
