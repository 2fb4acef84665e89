cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/helpers.cmake")
# What the national office can trust: collect re-scores every report from its own answers and
# checks who it is about, its ranges, its rule sets and every area (each tampering rejected with its
# reason, nothing of it stored); signed submissions (keys generate / import, assess --sign, sign,
# collect --require-signature) with every signature failure rejected with its reason.
#   cmake -DDXA=... -DWORK=... -DSAMPLE=... -DPYTHON=... -DTAMPER=tamper_report.py -P collect_trust.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(stored_reports db var)
    dxa(0 summary --db "${db}" --format json)
    string(JSON n GET "${out}" stored_reports)
    set(${var} "${n}" PARENT_SCOPE)
endfunction()

# --- figures re-scored, identity, areas, ranges ----------------------------------------------------
dxa(0 assess "${SAMPLE}" -o "${WORK}/good" --format json)
run("${PYTHON}" "${TAMPER}" "${WORK}/good/report.json" "${WORK}/bad" --answers-edit "status = \"formal\"" "status = \"none\"")
dxa(2 collect "${WORK}/bad" --db "${WORK}/bad.sqlite" --min-completeness 0.4)
expect("${out}" "rejected [^\n]*level.json: \\[figures_mismatch\\] area [a-z_]+: level is [1-5] in the report, [0-4] when re-scored")
expect("${out}" "rejected [^\n]*score.json: \\[figures_mismatch\\] area [a-z_]+: score is 99 in the report, [0-9]+ when re-scored")
expect("${out}" "rejected [^\n]*finding.json: \\[figures_mismatch\\] area [a-z_]+: findings is - in the report, [a-z_]+")
expect("${out}" "rejected [^\n]*completeness.json: \\[figures_mismatch\\] area [a-z_]+: required_completeness is 0.5 in the report, 1 when re-scored")
expect("${out}" "rejected [^\n]*index.json: \\[figures_mismatch\\] overall: index is 99.9 in the report")
expect("${out}" "rejected [^\n]*answers.json: \\[figures_mismatch\\] area telework: level is 3 in the report, 0 when re-scored")
expect("${out}" "rejected [^\n]*code.json: \\[identity_mismatch\\] municipality.code is '011002' but the answers' \\[profile\\] says '142018'")
expect("${out}" "rejected [^\n]*rule_set_deleted.json: \\[missing_rule_set\\] area governance has no rule-set entry")
expect("${out}" "rejected [^\n]*area_deleted.json: \\[missing_area\\] the model's area governance is not in the report")
expect("${out}" "rejected [^\n]*score_negative.json: \\[out_of_range\\] areas\\[[a-z_]+\\].score is -5, out of range \\(0..100\\)")
expect("${out}" "rejected [^\n]*level_42.json: \\[out_of_range\\] areas\\[[a-z_]+\\].level is 42, out of range \\(0..5\\)")
expect("${out}" "rejected [^\n]*rules_version.json: \\[rules_not_official\\] area governance names rule-set version 9.9.9")
expect("${out}" "rejected [^\n]*model_digest.json: \\[rules_not_official\\] the report was scored with a model")
expect("${out}" "collected 13 files: 0 accepted, 0 replaced, 0 already collected, 13 rejected \\(figures_mismatch: 6\\) \\(identity_mismatch: 1\\) \\(missing_area: 1\\) \\(missing_rule_set: 1\\) \\(out_of_range: 2\\) \\(rules_not_official: 2\\)")
stored_reports("${WORK}/bad.sqlite" n)
if(NOT n EQUAL 0)
    fail("${n} rejected reports were stored")
endif()
# The untouched report goes in; so does a copy that only re-indents it (same figures).
dxa(0 collect "${WORK}/good/report.json" --db "${WORK}/bad.sqlite")
expect("${out}" "1 accepted")

# --- keys ---------------------------------------------------------------------------------------------
dxa(0 keys generate --code 142018 -o "${WORK}/keys")
expect("${out}" "generated key [0-9a-f]+ \\(142018\\)")
file(READ "${WORK}/keys/142018.key" secret_file)
string(REGEX MATCH "\"secret_key\": \"([^\"]+)\"" m "${secret_file}")
set(secret "${CMAKE_MATCH_1}")
string(FIND "${out}${err}" "${secret}" printed)  # FIND, not MATCHES: base64 holds + and /
if(secret STREQUAL "" OR NOT printed EQUAL -1)
    fail("keys generate printed the secret key (or the test could not read it)")
endif()
execute_process(COMMAND stat -c %a "${WORK}/keys/142018.key" OUTPUT_VARIABLE mode OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT mode STREQUAL "600")
    fail("the secret key file has mode ${mode}, expected 600 (owner only)")
endif()
dxa(2 keys generate --code 142018 -o "${WORK}/keys")
expect("${err}" "142018.key: a key file is already there; it is not overwritten")
dxa(2 keys generate --code 142019 -o "${WORK}/keys")
expect("${err}" "invalid local government code '142019'")
dxa(0 keys generate --code 011002 -o "${WORK}/keys")    # another government
dxa(0 keys generate --code 142018 -o "${WORK}/stray")   # a key the office never registers
dxa(0 keys generate --code 142018 -o "${WORK}/old")     # a key that was revoked

# --- signing --------------------------------------------------------------------------------------------
dxa(0 assess "${SAMPLE}" -o "${WORK}/signed" --format json --sign "${WORK}/keys/142018.key")
file(READ "${WORK}/signed/report.json" signed)
expect("${signed}" "\"signature\": {\n *\"algorithm\": \"ed25519\"")
dxa(2 assess "${SAMPLE}" -o "${WORK}/nope" --format md --sign "${WORK}/keys/142018.key")
expect("${err}" "--sign signs the JSON report: include json in --format")
dxa(2 assess "${SAMPLE}" -o "${WORK}/nope" --sign "${WORK}/keys/142018.pub")
expect("${err}" "142018.pub: not a key file \\(expected dxassess-ed25519-secret-key version 1\\)")
if(EXISTS "${WORK}/nope")
    fail("a refused --sign left files behind")
endif()
# dxassess sign: the same report signed afterwards; a key of another code refuses to sign it.
file(COPY "${WORK}/good/report.json" DESTINATION "${WORK}/later")
dxa(2 sign "${WORK}/later/report.json" --key "${WORK}/keys/011002.key")
expect("${err}" "the key belongs to local government code 011002; this report is 142018's, so it is not signed")
dxa(0 sign "${WORK}/later/report.json" --key "${WORK}/keys/142018.key")
expect("${out}" "signed: .*later/report.json")
# Re-indenting a signed report keeps its signature valid; a flipped byte does not.
# (Scripts are bracket arguments: a ';' in a quoted argument would split it into a list.)
set(reindent [=[
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(r, ensure_ascii=False, indent=4))
]=])
run("${PYTHON}" -c "${reindent}" "${WORK}/signed/report.json" "${WORK}/reindented.json")
string(REPLACE "\"name\": \"横須賀市\"" "\"name\": \"横須賀巿\"" flipped "${signed}")
if(flipped STREQUAL signed)
    fail("the test could not flip a byte of the signed report")
endif()
file(WRITE "${WORK}/flipped/report.json" "${flipped}")
# Another government's key over this report: signed by hand with 011002's key after changing nothing.
set(swap_key [=[
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r["signature"]["public_key"] = json.load(open(sys.argv[2]))["public_key"]
open(sys.argv[3], "w", encoding="utf-8").write(json.dumps(r, ensure_ascii=False))
]=])
run("${PYTHON}" -c "${swap_key}" "${WORK}/signed/report.json" "${WORK}/keys/011002.pub" "${WORK}/wrong-key.json")
dxa(0 assess "${SAMPLE}" -o "${WORK}/stray-signed" --format json --sign "${WORK}/stray/142018.key")
dxa(0 assess "${SAMPLE}" -o "${WORK}/old-signed" --format json --sign "${WORK}/old/142018.key")

# --- the office registers keys ---------------------------------------------------------------------------
file(WRITE "${WORK}/codes.csv" "code,key_file,valid_from,valid_until,revoked_on\n"
     "142018,keys/142018.pub,2024-04-01,,\n011002,keys/011002.pub,2024-04-01,2099-03-31,\n142018,old/142018.pub,2020-04-01,,2024-03-31\n")
dxa(0 keys import "${WORK}/codes.csv" --db "${WORK}/office.sqlite")
expect("${out}" "registered 3 keys")
file(WRITE "${WORK}/codes-bad.csv" "code,key_file,valid_from\n142018,keys/011002.pub,2024-04-01\n")
dxa(2 keys import "${WORK}/codes-bad.csv" --db "${WORK}/office.sqlite")
expect("${err}" "codes-bad.csv:2:2: the key file .*011002.pub belongs to 011002, the row to 142018")
file(WRITE "${WORK}/codes-date.csv" "code,key_file,valid_from\n142018,keys/142018.pub,2024-13-01\n")
dxa(2 keys import "${WORK}/codes-date.csv" --db "${WORK}/office.sqlite")
expect("${err}" "codes-date.csv:2:3: invalid date '2024-13-01' \\(expected YYYY-MM-DD\\)")

dxa(2 collect "${WORK}/good/report.json" "${WORK}/flipped/report.json" "${WORK}/wrong-key.json" "${WORK}/stray-signed/report.json"
    "${WORK}/old-signed/report.json" --db "${WORK}/office.sqlite" --require-signature)
expect("${out}" "rejected [^\n]*good/report.json: \\[unsigned\\]")
expect("${out}" "rejected [^\n]*flipped/report.json: \\[bad_signature\\] the signature does not match the report")
expect("${out}" "rejected [^\n]*wrong-key.json: \\[bad_signature\\]")
expect("${out}" "rejected [^\n]*stray-signed/report.json: \\[unknown_signer\\] the signing key [0-9a-f]+ is not registered")
expect("${out}" "rejected [^\n]*old-signed/report.json: \\[revoked_key\\] the signing key [0-9a-f]+ was revoked on 2024-03-31")
expect("${out}" "5 rejected \\(bad_signature: 2\\) \\(revoked_key: 1\\) \\(unknown_signer: 1\\) \\(unsigned: 1\\)")
stored_reports("${WORK}/office.sqlite" n)
if(NOT n EQUAL 0)
    fail("${n} rejected reports were stored")
endif()
# Another government's report carrying this report's signature: it does not cover that content.
# (A valid signature by one code's key over another code's report is tested in test_signing.cpp:
# `sign` refuses to make one.)
file(READ "${SAMPLE}" sample)
string(REPLACE "code = \"142018\"" "code = \"011002\"" other "${sample}")
file(WRITE "${WORK}/other.toml" "${other}")
dxa(0 assess "${WORK}/other.toml" -o "${WORK}/other" --format json)
set(move_signature [=[
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r["signature"] = json.load(open(sys.argv[2], encoding="utf-8"))["signature"]
open(sys.argv[3], "w", encoding="utf-8").write(json.dumps(r, ensure_ascii=False))
]=])
run("${PYTHON}" -c "${move_signature}" "${WORK}/other/report.json" "${WORK}/signed/report.json" "${WORK}/cross.json")
dxa(2 collect "${WORK}/cross.json" --db "${WORK}/office.sqlite" --require-signature)
expect("${out}" "\\[bad_signature\\]")
# Signed with a registered key: accepted, re-indented or not, signed by assess or by dxassess sign.
dxa(0 collect "${WORK}/signed/report.json" "${WORK}/reindented.json" "${WORK}/later/report.json" --db "${WORK}/office.sqlite" --require-signature)
expect("${out}" "collected 3 files: 1 accepted, [12] replaced, [01] already collected, 0 rejected")  # later/ may equal signed/ to the second
stored_reports("${WORK}/office.sqlite" n)
if(n LESS 1)
    fail("the signed reports were not stored")
endif()
# Expired: the same key, registered again with a validity that has ended.
file(WRITE "${WORK}/codes-expired.csv" "code,key_file,valid_from,valid_until\n142018,keys/142018.pub,2020-04-01,2021-03-31\n")
dxa(0 keys import "${WORK}/codes-expired.csv" --db "${WORK}/office.sqlite")
dxa(2 collect "${WORK}/later/report.json" --db "${WORK}/expired.sqlite" --require-signature)
expect("${out}" "\\[unknown_signer\\]")  # a new database has no keys
dxa(2 collect "${WORK}/reindented.json" --db "${WORK}/office.sqlite" --require-signature --keep-reports)
expect("${out}" "\\[revoked_key\\] the signing key [0-9a-f]+ expired on 2021-03-31")

file(REMOVE_RECURSE "${WORK}")
message(STATUS "collect trust ok")
