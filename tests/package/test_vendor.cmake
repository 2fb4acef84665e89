cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../cli/helpers.cmake")
# A vendor builds the example plugin against an installed dxassess, with no access to our source
# tree, installs it next to ours, and a municipality's assessment includes the seventh area.
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
expect("${out}" "com.example.frontyard 1.0.0  area=frontyard  abi=1.2  \\(isolated\\)")
run(${dxa} test --min-coverage 100 "${WORK}/vendor/share/dxassess/rules" "${EXAMPLES}/rules-only")
expect("${out}" "frontyard: levels 5/5, checks 3/3.*eltax: levels 5/5, checks 1/1.*coverage 100%.*9 passed, 0 failed")

file(READ "${SAMPLE}" sample)
file(READ "${EXAMPLES}/vendor-plugin/answers/frontyard.toml" frontyard)
file(READ "${EXAMPLES}/rules-only/answers.toml" eltax)
file(WRITE "${WORK}/answers.toml" "${sample}\n${frontyard}\n${eltax}")
file(MAKE_DIRECTORY "${WORK}/out")
run(${dxa} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${out}" "Front-yard reform: level 2 \\(Introduced\\)")
expect("${out}" "Use of eLTAX for public fund collection: level 3")
expect("${out}" "Promotion of telework: level 3")
file(READ "${WORK}/out/report.json" report)
expect("${report}" "\"id\": \"com.example.frontyard\"")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "the vendor plugin builds against the installed SDK and scores the seventh area")
