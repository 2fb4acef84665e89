# Writes the list of official plugins (lib/dxassess/official-plugins.json): file, id, area and the
# SHA-256 of each plugin as built or installed. dxassess loads in its own process only plugins whose
# digest is listed; any other is foreign and runs in a child process.
#   cmake -DDIR=<plugin dir> -DAREAS=<area;...> -DSUFFIX=.so -DOUTPUT=<file> -P WriteOfficialManifest.cmake
# Also included from an install(CODE) rule, after the plugins are installed (and stripped).
set(_entries "")
foreach(_area IN LISTS AREAS)
    set(_file "dxassess_${_area}${SUFFIX}")
    file(SHA256 "${DIR}/${_file}" _sha)
    if(_entries)
        string(APPEND _entries ",\n")
    endif()
    string(APPEND _entries "    {\"file\": \"${_file}\", \"id\": \"jp.dxassess.${_area}\", \"area\": \"${_area}\", \"sha256\": \"${_sha}\"}")
endforeach()
file(WRITE "${OUTPUT}.tmp" "{\n  \"dxassess_official_plugins\": 1,\n  \"plugins\": [\n${_entries}\n  ]\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
