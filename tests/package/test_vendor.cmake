cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../cli/helpers.cmake")
# A vendor builds the example plugin against an installed dxassess, with no access to our source
# tree, installs it next to ours, and a municipality's assessment includes the vendor's area and a
# rules-only area.
#   cmake -DBUILD_DIR=... -DEXAMPLES=... -DSAMPLE=... -DWORK=... -P test_vendor.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# 1. Install dxassess into an empty prefix, as the .deb or tarball would.
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK}/dxassess")
# 2. The vendor's own build: a copy of the example, configured against that prefix only.
file(COPY "${EXAMPLES}/vendor-plugin/" DESTINATION "${WORK}/src")
run(${CMAKE_COMMAND} -S "${WORK}/src" -B "${WORK}/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    "-DCMAKE_PREFIX_PATH=${WORK}/dxassess" "-DCMAKE_INSTALL_PREFIX=${WORK}/vendor")
run(${CMAKE_COMMAND} --build "${WORK}/build")
run(${CMAKE_COMMAND} --install "${WORK}/build")
# 3. The vendor package registers its directories with a drop-in settings file, touching none of ours.
file(WRITE "${WORK}/etc/config.toml" "")
file(WRITE "${WORK}/etc/config.d/example-vendor.toml"
     "plugin_dirs = [\"${WORK}/vendor/lib/dxassess/plugins\"]\nrules_dirs = [\"${WORK}/vendor/share/dxassess/rules\", \"${EXAMPLES}/rules-only\"]\n")
set(dxa ${CMAKE_COMMAND} -E env "DXASSESS_CONFIG=${WORK}/etc/config.toml" "${WORK}/dxassess/bin/dxassess" --lang en)

run(${dxa} plugins)
expect("${out}" "com.example.open_data 1.0.0  area=open_data  abi=1.3  \\(isolated\\)")
run(${dxa} test --min-coverage 100 "${WORK}/vendor/share/dxassess/rules" "${EXAMPLES}/rules-only")
expect("${out}" "open_data: levels 5/5, checks 3/3.*digital_divide: levels 5/5, checks 1/1.*coverage 100%.*13 passed, 0 failed")

file(READ "${SAMPLE}" sample)
file(READ "${EXAMPLES}/vendor-plugin/answers/open_data.toml" open_data)
file(READ "${EXAMPLES}/rules-only/answers.toml" digital_divide)
file(WRITE "${WORK}/answers.toml" "${sample}\n${open_data}\n${digital_divide}")
file(MAKE_DIRECTORY "${WORK}/out")
run(${dxa} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${out}" "Open data: level 3 \\(Organisation-wide\\)")
expect("${out}" "Bridging the digital divide: level 3")
expect("${out}" "Promotion of telework: level 3")
file(READ "${WORK}/out/report.json" report)
expect("${report}" "\"id\": \"com.example.open_data\"")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "the vendor plugin builds against the installed SDK and scores its area")
