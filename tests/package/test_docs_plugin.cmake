cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../cli/helpers.cmake")
# plugin-sdk.md's own snippets, built as a vendor would: out of tree, against dxassess installed
# with a /usr-style layout, packaged with Debian's multiarch libdir and the same prefix. dxassess then
# finds the plugin and its rules without any setting, runs its tests and scores the area; the
# plain-C snippet loads too.
#   cmake -DBUILD_DIR=... -DDOC=... -DPYTHON=... -DEXTRACT=... -DSAMPLE=... -DWORK=... -P test_docs_plugin.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(usr "${WORK}/root/usr")

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${usr}")
set(dxa ${CMAKE_COMMAND} -E env DXASSESS_CONFIG= "${usr}/bin/dxassess" --lang en)
run(${dxa} assess "${SAMPLE}" -o "${WORK}/out-sample" --format json)
string(REGEX MATCH "overall index [0-9.]+" without_area "${out}")
run("${PYTHON}" "${EXTRACT}" "${DOC}" "${WORK}/src")
foreach(f CMakeLists.txt facility_booking.cpp rules/facility_booking.toml rules/facility_booking.test.toml answers.toml
          c/CMakeLists.txt c/example_c.c c/c_area.toml)
    if(NOT EXISTS "${WORK}/src/${f}")
        fail("plugin-sdk.md has no snippet ${f}")
    endif()
endforeach()

# The C++ plugin: configured as Debian's tools would (prefix /usr-style, multiarch libdir), installed there.
run(${CMAKE_COMMAND} -S "${WORK}/src" -B "${WORK}/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${usr}"
    "-DCMAKE_INSTALL_PREFIX=${usr}" -DCMAKE_INSTALL_LIBDIR=lib/x86_64-linux-gnu)
expect("${out}" "dxassess looks for plugins in ${usr}/lib/dxassess/plugins")
run(${CMAKE_COMMAND} --build "${WORK}/build")
run(${CMAKE_COMMAND} --install "${WORK}/build")
if(NOT EXISTS "${usr}/lib/dxassess/plugins/dxassess_facility_booking.so")
    fail("the plugin was not installed where dxassess looks")
endif()

run(${dxa} plugins)
expect("${out}" "\\[loaded\\] com.example.facility_booking 1.0.0  area=facility_booking  abi=1.3  \\(isolated\\)")
run(${dxa} test --min-coverage 100 "${usr}/share/dxassess/rules/facility_booking.test.toml")
expect("${out}" "rules facility_booking: ${usr}/share/dxassess/rules/facility_booking.toml  sha256 [0-9a-f]+")
expect("${out}" "coverage 100%.*3 passed, 0 failed")

file(READ "${SAMPLE}" sample)
file(READ "${WORK}/src/answers.toml" section)
file(WRITE "${WORK}/answers.toml" "${sample}\n${section}")
run(${dxa} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${out}" "Online booking of public facilities: level 4")
string(REGEX MATCH "overall index [0-9.]+" with_area "${out}")
# An area outside the model is reported but leaves the overall index as it was.
if(NOT with_area STREQUAL without_area OR with_area STREQUAL "")
    fail("the vendor area changed the overall index: '${with_area}' vs '${without_area}'")
endif()

# The plain-C snippet builds and is scored through the same boundary.
run(${CMAKE_COMMAND} -S "${WORK}/src/c" -B "${WORK}/build-c" -G Ninja "-DCMAKE_PREFIX_PATH=${usr}")
run(${CMAKE_COMMAND} --build "${WORK}/build-c")
file(COPY "${WORK}/src/c/c_area.toml" DESTINATION "${WORK}/c-rules")
file(WRITE "${WORK}/answers-c.toml" "${sample}\n${section}\n[c_area]\ncount = 3\n")
run(${dxa} --plugin-dir "${WORK}/build-c" --rules-dir "${WORK}/c-rules" assess "${WORK}/answers-c.toml" -o "${WORK}/out-c" --format json)
expect("${out}" "C example: level 3")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "the SDK page's snippets build, install where dxassess looks, and score")
