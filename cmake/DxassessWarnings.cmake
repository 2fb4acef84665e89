# Warning set for the project's own targets (never added globally).
add_library(dxassess_warnings INTERFACE)
target_compile_options(dxassess_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers>
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation (GCC bug 105329).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
add_library(dxassess::warnings ALIAS dxassess_warnings)
