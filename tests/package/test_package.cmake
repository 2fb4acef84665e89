cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../cli/helpers.cmake")
# Builds the TGZ and DEB packages, unpacks each into an empty folder and runs the program from
# there: the install must be complete and relocatable.
#   cmake -DBUILD_DIR=... -DWORK=... -P test_package.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")


function(check_tree root label)
    foreach(f bin/dxassess lib/dxassess/plugins/dxassess_telework.so share/dxassess/rules/telework.toml
              share/dxassess/rules/model.toml include/dxassess/plugin.h include/dxassess/plugin.hpp
              share/doc/dxassess/report.schema.json lib/cmake/dxassess/dxassessConfig.cmake
              share/dxassess/rules/samples/sample-city.toml lib/dxassess/official-plugins.json share/doc/dxassess/copyright
              share/doc/dxassess/examples/vendor-plugin/CMakeLists.txt share/doc/dxassess/examples/rules-only/digital_divide.toml)
        if(NOT EXISTS "${root}/${f}")
            fail("${label}: ${f} is missing from the package")
        endif()
    endforeach()
    file(MAKE_DIRECTORY "${WORK}/out-${label}")
    run("${root}/bin/dxassess" assess "${root}/share/dxassess/rules/samples/sample-city.toml" -o "${WORK}/out-${label}")
    if(NOT out MATCHES "レベル 3")
        fail("${label}: unexpected output: ${out}")
    endif()
    if(NOT EXISTS "${WORK}/out-${label}/report.json" OR NOT EXISTS "${WORK}/out-${label}/report.md")
        fail("${label}: reports were not written")
    endif()
    # The Excel route: the sample as a questionnaire workbook, assessed from the workbook.
    run("${root}/bin/dxassess" convert "${root}/share/dxassess/rules/samples/sample-city.toml" -o "${WORK}/回答-${label}.xlsx")
    run("${root}/bin/dxassess" assess "${WORK}/回答-${label}.xlsx" -o "${WORK}/xlsx-${label}" --format json)
    if(NOT out MATCHES "レベル 3")
        fail("${label}: the workbook gives another result: ${out}")
    endif()
    # Plugins are found beside the relocated binary, not in the build tree.
    run("${root}/bin/dxassess" plugins)
    if(NOT out MATCHES "${root}/lib/dxassess/plugins")
        fail("${label}: plugins not found relative to the binary: ${out}")
    endif()
    # The digests recorded at packaging are those of the files as packaged (stripped): all official.
    if(NOT out MATCHES "jp.dxassess.telework [^\n]*（公式）" OR out MATCHES "（分離して実行）")
        fail("${label}: the packaged plugins are not recognised as official: ${out}")
    endif()
endfunction()

foreach(generator TGZ DEB)
    run(cpack -G ${generator} --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK}/pkg")
endforeach()
file(GLOB tgz "${WORK}/pkg/*.tar.gz")
file(GLOB deb "${WORK}/pkg/*.deb")
if(NOT tgz OR NOT deb)
    fail("cpack did not produce a .tar.gz and a .deb")
endif()

file(MAKE_DIRECTORY "${WORK}/tgz")
run(${CMAKE_COMMAND} -E chdir "${WORK}/tgz" ${CMAKE_COMMAND} -E tar xzf "${tgz}")
file(GLOB tgz_root LIST_DIRECTORIES true "${WORK}/tgz/*")
check_tree("${tgz_root}" tgz)

file(MAKE_DIRECTORY "${WORK}/deb")
run(dpkg-deb -x "${deb}" "${WORK}/deb")
run(dpkg-deb -f "${deb}" Depends)
if(NOT out MATCHES "libfmt" OR NOT out MATCHES "libminizip" OR NOT out MATCHES "libexpat")  # spdlog is header-only: its fmt remains
    fail("the .deb does not declare its library dependencies: ${out}")
endif()
run(dpkg-deb -f "${deb}" Recommends)
if(NOT out MATCHES "fonts-noto-cjk")
    fail("the .deb does not recommend a Japanese font for the HTML report: ${out}")
endif()
check_tree("${WORK}/deb/usr" deb)

file(REMOVE_RECURSE "${WORK}")
message(STATUS "packages unpack and run")
