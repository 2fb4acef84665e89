# dxassess_add_plugin(<name> SOURCES <files...> [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds an area plugin as a loadable module against dxassess::sdk: hidden visibility (only the
# entry point alias is exported), the file name dxassess_<name>.so (.dll on Windows), and installation into
# <prefix>/${DXASSESS_PLUGIN_SUBDIR} (lib/dxassess/plugins, set by find_package(dxassess)), where a
# dxassess installed with the same prefix finds it. Shipped with the SDK, so vendors use the same
# helper (docs/plugin-sdk.md).
function(dxassess_add_plugin name)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "dxassess_add_plugin(${name}): SOURCES is required")
    endif()
    add_library(${name} MODULE ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE dxassess::sdk)
    target_compile_features(${name} PRIVATE cxx_std_17)
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        OUTPUT_NAME "dxassess_${name}"
        CXX_VISIBILITY_PRESET hidden
        C_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    if(MINGW)
        # Boost.DLL defines the entry point's alias on MinGW only when asked to (DXASSESS_PLUGIN is
        # expanded in one translation unit); the C and C++ runtimes are linked in, so the DLL needs
        # no other DLL beside it (its boundary is C: the host's runtime is its own).
        target_compile_definitions(${name} PRIVATE BOOST_DLL_FORCE_ALIAS_INSTANTIATION)
        target_link_options(${name} PRIVATE -static)
    endif()
    if(ARG_OUTPUT_DIRECTORY)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
    elseif(DEFINED DXASSESS_STAGE_DIR)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${DXASSESS_STAGE_DIR}/${DXASSESS_PLUGIN_SUBDIR}")
    endif()
    if(NOT ARG_NO_INSTALL)
        if(NOT DEFINED DXASSESS_PLUGIN_SUBDIR)
            include(GNUInstallDirs)
            set(DXASSESS_PLUGIN_SUBDIR "${CMAKE_INSTALL_LIBDIR}/dxassess/plugins")
        endif()
        install(TARGETS ${name} LIBRARY DESTINATION "${DXASSESS_PLUGIN_SUBDIR}" COMPONENT plugins)
    endif()
endfunction()

# dxassess_add_rules(FILES <rule files...>)
#
# Installs rule sets (and their *.test.toml rule tests) into the rules directory, where
# dxassess finds them through a settings file or --rules-dir.
function(dxassess_add_rules)
    cmake_parse_arguments(PARSE_ARGV 0 ARG "" "" "FILES")
    if(NOT ARG_FILES)
        message(FATAL_ERROR "dxassess_add_rules: FILES is required")
    endif()
    if(NOT DEFINED DXASSESS_RULES_SUBDIR)
        include(GNUInstallDirs)
        set(DXASSESS_RULES_SUBDIR "${CMAKE_INSTALL_DATADIR}/dxassess/rules")
    endif()
    install(FILES ${ARG_FILES} DESTINATION "${DXASSESS_RULES_SUBDIR}" COMPONENT rules)
endfunction()
