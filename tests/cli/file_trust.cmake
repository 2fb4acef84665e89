cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# Trust in files that decide what runs: plugins, their directories up to the root (symlinks
# resolved), rule sets, the settings' config.d and the lock file. Each is refused, with the fix, when
# another local user could have changed it. Run as root (the usual case when installing) and, when
# the machine allows, as an ordinary user.
#   cmake -DDXA=... -DWORK=... -DFIXTURES=... -DFIXTURE_RULES=... -DSAMPLE=... -P file_trust.cmake
file(REMOVE_RECURSE "${WORK}")
set(DXA_ENV ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)

# A vendor plugin and its rules, as they should be: owned by us, writable by no one else.
set(dir_perms OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(MAKE_DIRECTORY "${WORK}/vendor/plugins" "${WORK}/vendor/rules")
file(CHMOD "${WORK}" "${WORK}/vendor" "${WORK}/vendor/plugins" "${WORK}/vendor/rules" PERMISSIONS ${dir_perms})
file(COPY "${FIXTURES}/fx_good/dxassess_fx_good.so" DESTINATION "${WORK}/vendor/plugins")
file(COPY "${FIXTURE_RULES}/fx_good.toml" DESTINATION "${WORK}/vendor/rules")
file(READ "${SAMPLE}" sample)
file(WRITE "${WORK}/answers.toml" "${sample}\n[fx_good]\ncount = 3\ntags = [\"a\", \"b\"]\n")
set(vendor --plugin-dir "${WORK}/vendor/plugins" --rules-dir "${WORK}/vendor/rules")
dxa(0 ${vendor} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${out}" "Test area fx_good: level 4")

# A plugin directory others may write to: the plugin is refused with the fix; the other areas are scored.
file(CHMOD "${WORK}/vendor/plugins" PERMISSIONS ${dir_perms} WORLD_WRITE)
dxa(3 ${vendor} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${err}" "Test area fx_good: not scored: no plugin was loaded for area fx_good; refused plugins:\n *[^\n]*dxassess_fx_good.so: ${WORK}/vendor/plugins \\(checked for [^)]*\\) is writable by group or others, so it cannot be trusted; fix it with `chmod go-w ${WORK}/vendor/plugins`")
expect("${out}" "Promotion of telework: level 3")
file(CHMOD "${WORK}/vendor/plugins" PERMISSIONS ${dir_perms})

# A directory far above, writable by all (without the sticky bit of /tmp), is as bad.
file(CHMOD "${WORK}" PERMISSIONS ${dir_perms} GROUP_WRITE)
dxa(3 ${vendor} plugins)
expect("${out}" "${WORK} \\(checked for [^)]*dxassess_fx_good.so\\) is writable by group or others")
file(CHMOD "${WORK}" PERMISSIONS ${dir_perms})

# A symlink is judged by where it leads: a link in a sound directory to a plugin in an open one.
file(MAKE_DIRECTORY "${WORK}/open")
file(CHMOD "${WORK}/open" PERMISSIONS ${dir_perms} WORLD_WRITE)
file(RENAME "${WORK}/vendor/plugins/dxassess_fx_good.so" "${WORK}/open/dxassess_fx_good.so")
file(CREATE_LINK "${WORK}/open/dxassess_fx_good.so" "${WORK}/vendor/plugins/dxassess_fx_good.so" SYMBOLIC)
dxa(3 ${vendor} plugins)
expect("${out}" "${WORK}/open \\(checked for [^)]*\\) is writable by group or others, so it cannot be trusted")
file(REMOVE "${WORK}/vendor/plugins/dxassess_fx_good.so")
file(RENAME "${WORK}/open/dxassess_fx_good.so" "${WORK}/vendor/plugins/dxassess_fx_good.so")

# A rule set others may write to: its area is not scored, with the fix.
file(CHMOD "${WORK}/vendor/rules/fx_good.toml" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ GROUP_WRITE WORLD_READ)
dxa(3 ${vendor} assess "${WORK}/answers.toml" -o "${WORK}/out" --format json)
expect("${err}" "Test area fx_good: not scored: ${WORK}/vendor/rules/fx_good.toml is writable by group or others[^\n]*chmod go-w ${WORK}/vendor/rules/fx_good.toml")
file(CHMOD "${WORK}/vendor/rules/fx_good.toml" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# A config.d others may write to: the settings are refused as a whole (another user's drop-in must never load).
file(MAKE_DIRECTORY "${WORK}/etc/config.d")
file(CHMOD "${WORK}/etc" PERMISSIONS ${dir_perms})
file(CHMOD "${WORK}/etc/config.d" PERMISSIONS ${dir_perms} WORLD_WRITE)
file(WRITE "${WORK}/etc/config.toml" "")
file(WRITE "${WORK}/etc/config.d/intruder.toml" "plugin_dirs = [\"${WORK}/vendor/plugins\"]\nrules_dirs = [\"${WORK}/vendor/rules\"]\n")
set(DXA_ENV ${CMAKE_COMMAND} -E env "DXASSESS_CONFIG=${WORK}/etc/config.toml")
dxa(2 plugins)
expect("${err}" "${WORK}/etc/config.d: ${WORK}/etc/config.d is writable by group or others, so it cannot be trusted; fix it with `chmod go-w ${WORK}/etc/config.d`")
file(CHMOD "${WORK}/etc/config.d" PERMISSIONS ${dir_perms})
dxa(0 plugins)
expect("${out}" "test.fx_good")
set(DXA_ENV ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)

# A lock file others may write to pins nothing: refused.
dxa(0 plugins --lock "${WORK}/lock.json")
file(CHMOD "${WORK}/lock.json" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ WORLD_WRITE)
dxa(2 --lock-file "${WORK}/lock.json" assess "${SAMPLE}" -o "${WORK}/out" --format json)
expect("${err}" "lock.json is writable by group or others")
file(CHMOD "${WORK}/lock.json" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

if(uid STREQUAL "0")
    # As root: files owned by another ordinary user are refused, naming the owner and the fix.
    execute_process(COMMAND chown nobody "${WORK}/vendor/plugins/dxassess_fx_good.so")
    dxa(3 ${vendor} plugins)
    expect("${out}" "dxassess_fx_good.so belongs to nobody, neither the system nor the user running dxassess, so it cannot be trusted; fix it with `chown root ")
    execute_process(COMMAND chown root "${WORK}/vendor/plugins/dxassess_fx_good.so")
    execute_process(COMMAND chown nobody "${WORK}/lock.json")
    dxa(2 --lock-file "${WORK}/lock.json" assess "${SAMPLE}" -o "${WORK}/out" --format json)
    expect("${err}" "lock.json belongs to nobody")
    execute_process(COMMAND chown root "${WORK}/lock.json")

    # As an ordinary user (nobody): root's files are trusted; another user's (daemon's) are not.
    set(DXA_ENV setpriv --reuid=nobody --regid=nogroup --clear-groups ${CMAKE_COMMAND} -E env DXASSESS_CONFIG=)
    dxa(0 ${vendor} plugins)
    expect("${out}" "\\[loaded\\] test.fx_good")
    execute_process(COMMAND chown daemon "${WORK}/vendor/plugins")
    dxa(3 ${vendor} plugins)
    expect("${out}" "${WORK}/vendor/plugins \\(checked for [^)]*\\) belongs to daemon")
    execute_process(COMMAND chown root "${WORK}/vendor/plugins")
endif()

file(REMOVE_RECURSE "${WORK}")
message(STATUS "files another user could change are refused, with the fix")
