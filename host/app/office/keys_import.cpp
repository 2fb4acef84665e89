// `dxassess keys import CODES.csv --db FILE`: registers municipalities' public keys. Each row names
// a code, its public key file (relative to the CSV) and the dates the key is valid; a key already
// registered for the code is updated, so a new CSV rotates or revokes keys.
#include "office/office_commands.hpp"
#include "office/report_store.hpp"
#include "signing/keys.hpp"
#include "support/csv.hpp"
#include "support/exit_codes.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/answers.hpp"
#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/value.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace dxassess::host {
namespace {

namespace fs = std::filesystem;

std::vector<SignerKey> read_key_register(const std::string& csv) {
    std::ifstream in(engine::file_path(csv), std::ios::binary);
    if (!in) throw engine::InputError(engine::Location{csv}, {"ファイルを読めません", "cannot read the file"});
    std::vector<SignerKey> keys;
    std::vector<std::string> header;
    std::string line;
    std::uint32_t n = 0;
    const auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1 : static_cast<int>(it - header.begin());
    };
    int c_code = -1, c_file = -1, c_from = -1, c_until = -1, c_revoked = -1;
    while (std::getline(in, line)) {
        ++n;
        if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // Excel's BOM
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::vector<std::string> cells = csv_fields(line);
        for (auto& c : cells) {
            c.erase(0, c.find_first_not_of(" \t"));
            c.erase(c.find_last_not_of(" \t") + 1);
        }
        if (header.empty()) {
            header = cells;
            c_code = column("code"), c_file = column("key_file"), c_from = column("valid_from"), c_until = column("valid_until"),
            c_revoked = column("revoked_on");
            if (c_code < 0 || c_file < 0 || c_from < 0)
                throw engine::InputError(engine::Location{csv, n, 1}, {"見出し行に code, key_file, valid_from の列が必要です（valid_until, revoked_on は任意）",
                                                                       "the header row must name the columns code, key_file and valid_from (valid_until and revoked_on are optional)"});
            continue;
        }
        const auto cell = [&](int c) { return c >= 0 && static_cast<std::size_t>(c) < cells.size() ? cells[static_cast<std::size_t>(c)] : std::string(); };
        const auto at = [&](int c) { return engine::Location{csv, n, static_cast<std::uint32_t>(c + 1)}; };
        SignerKey k;
        k.code = cell(c_code);
        if (!engine::valid_local_government_code(k.code))
            throw engine::InputError(at(c_code), {"全国地方公共団体コード '" + k.code + "' が正しくありません", "invalid local government code '" + k.code + "'"});
        for (auto [c, to] : {std::pair{c_from, &k.valid_from}, std::pair{c_until, &k.valid_until}, std::pair{c_revoked, &k.revoked_on}}) {
            *to = cell(c);
            if ((c == c_from || !to->empty()) && !engine::Date::parse(*to).valid())
                throw engine::InputError(at(c), {"日付 '" + *to + "' が正しくありません（YYYY-MM-DD）", "invalid date '" + *to + "' (expected YYYY-MM-DD)"});
        }
        if (!k.valid_until.empty() && k.valid_until < k.valid_from)
            throw engine::InputError(at(c_until), {"valid_until が valid_from より前です", "valid_until is before valid_from"});
        fs::path file = engine::file_path(cell(c_file));
        if (file.is_relative()) file = engine::file_path(csv).parent_path() / file;
        const PublicKey pub = read_public_key(file.string());
        if (pub.code != k.code)
            throw engine::InputError(at(c_file), {"鍵ファイル " + file.string() + " は団体コード " + pub.code + " のものです（行は " + k.code + "）",
                                                  "the key file " + file.string() + " belongs to " + pub.code + ", the row to " + k.code});
        k.public_key = pub.base64();
        k.key_id = pub.key_id();
        k.source_file = file.string();
        keys.push_back(std::move(k));
    }
    if (header.empty()) throw engine::InputError(engine::Location{csv}, {"空のファイルです", "the file is empty"});
    return keys;
}

}  // namespace

int run_keys_import(const GlobalOptions& g, const std::string& csv, const std::string& db) {
    const bool en = g.lang == engine::Lang::en;
    try {
        const std::vector<SignerKey> keys = read_key_register(csv);  // all rows checked before any is stored
        ReportStore store(db);
        store.import_keys(keys);
        for (const auto& k : keys)
            std::cout << k.code << " " << k.key_id << " " << k.valid_from << ".." << k.valid_until
                      << (k.revoked_on.empty() ? "" : (en ? " revoked " : " 失効 ") + k.revoked_on) << "\n";
        std::cout << (en ? "registered " : "登録 ") << keys.size() << (en ? " keys" : " 件") << "\n";
        return exit_ok;
    } catch (const engine::InputError& e) {
        std::cerr << e.format(g.lang) << "\n";
        return exit_input;
    } catch (const std::runtime_error& e) {
        std::cerr << e.what() << "\n";
        return exit_input;
    }
}

}  // namespace dxassess::host
