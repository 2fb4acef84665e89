#include "office/report_store.hpp"

#include "reports/report.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace dxassess::host {
namespace {

const char* schema_sql = R"(
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  name TEXT NOT NULL,
  prefecture TEXT NOT NULL,
  population INTEGER NOT NULL,
  type TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  source_file TEXT NOT NULL,
  received_at TEXT NOT NULL,
  current INTEGER NOT NULL,
  answers_text TEXT NOT NULL,
  report_json TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS reports_one_current ON reports(code, fiscal_year) WHERE current = 1;
CREATE TABLE IF NOT EXISTS results (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  scale TEXT NOT NULL,
  area TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  scored INTEGER NOT NULL,
  level INTEGER NOT NULL,
  score INTEGER NOT NULL,
  completeness REAL NOT NULL DEFAULT 1,
  PRIMARY KEY (report_id, scale, area)
);
CREATE TABLE IF NOT EXISTS signer_keys (
  code TEXT NOT NULL,
  public_key TEXT NOT NULL,
  key_id TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  revoked_on TEXT NOT NULL,
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (code, public_key)
);
CREATE TABLE IF NOT EXISTS overall (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  scale TEXT NOT NULL,
  idx REAL NOT NULL,
  PRIMARY KEY (report_id, scale)
);
)";

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& s) {
        sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, long long v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    Statement& bind(int i, int v) { return bind(i, static_cast<long long>(v)); }
    Statement& bind(int i, double v) {
        sqlite3_bind_double(stmt_, i, v);
        return *this;
    }
    /// Steps once; true while a row is available.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
    }
    /// Ready to run again with new bindings.
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    long long integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    std::string text(int col) const {
        const auto* p = sqlite3_column_text(stmt_, col);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("SQLite: " + msg);
    }
}

/// Adds a column that databases made by earlier versions lack.
void add_column(sqlite3* db, const char* table, const char* column, const char* definition) {
    Statement q(db, "SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    q.bind(1, std::string(table)).bind(2, std::string(column));
    if (!q.step()) exec(db, (std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " " + definition).c_str());
}

/// Columns added since the first databases: completeness with report schema 1.1 (old rows count as
/// complete), 類似団体区分 and the signer with 1.2 (old rows: not given, unsigned).
void add_missing_columns(sqlite3* db) {
    add_column(db, "results", "completeness", "REAL NOT NULL DEFAULT 1");
    add_column(db, "reports", "peer_group", "TEXT NOT NULL DEFAULT ''");
    add_column(db, "reports", "signer", "TEXT NOT NULL DEFAULT ''");
}

/// Tests set DXASSESS_TEST_INGEST_PAUSE_MS to hold each ingest transaction open, so that a kill
/// lands inside one; it has no other effect.
void test_pause() {
    static const char* ms = std::getenv("DXASSESS_TEST_INGEST_PAUSE_MS");
    if (ms) std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
}

}  // namespace

ReportStore::ReportStore(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error(path + ": cannot open the database: " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
        exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        exec(db_, schema_sql);
        add_missing_columns(db_);
    } catch (const std::exception& e) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error(path + ": " + e.what());
    }
}

struct ReportStore::RescoreStatements {
    explicit RescoreStatements(sqlite3* db)
        : clear(db, "DELETE FROM results WHERE report_id = ? AND scale = ?"),
          result(db, "INSERT INTO results (report_id, scale, area, rules_version, scored, level, score, completeness) VALUES (?,?,?,?,?,?,?,?)"),
          overall(db, "INSERT OR REPLACE INTO overall (report_id, scale, idx) VALUES (?,?,?)") {}
    Statement clear, result, overall;
};

struct ReportStore::IngestStatements {
    explicit IngestStatements(sqlite3* db)
        : duplicate(db, "SELECT 1 FROM reports WHERE sha256 = ?"),
          retire(db, "UPDATE reports SET current = 0 WHERE code = ? AND fiscal_year = ? AND current = 1"),
          report(db, "INSERT INTO reports (code, fiscal_year, name, prefecture, population, type, sha256, source_file, "
                     "received_at, current, answers_text, report_json, peer_group, signer) VALUES (?,?,?,?,?,?,?,?,?,1,?,?,?,?)"),
          result(db, "INSERT INTO results (report_id, scale, area, rules_version, scored, level, score, completeness) "
                     "VALUES (?, 'original', ?,?,?,?,?,?)"),
          overall(db, "INSERT INTO overall (report_id, scale, idx) VALUES (?, 'original', ?)") {}
    Statement duplicate, retire, report, result, overall;
};

ReportStore::~ReportStore() {
    try {
        commit_pending();
    } catch (...) {  // the open group is rolled back when the connection closes: each report stays whole
    }
    ingest_.reset();  // statements are finalized before the connection closes
    rescore_.reset();
    sqlite3_close(db_);
}

void ReportStore::begin() { exec(db_, "BEGIN IMMEDIATE"); }
void ReportStore::commit() { exec(db_, "COMMIT"); }

void ReportStore::commit_pending() {
    if (!group_open_) return;
    group_open_ = false;
    commit();
}

IngestOutcome ReportStore::ingest(const NewReport& r) {
    if (!ingest_) ingest_ = std::make_unique<IngestStatements>(db_);
    if (!group_open_) {
        begin();
        group_open_ = true;
        group_started_ = std::chrono::steady_clock::now();
        group_received_at_ = utc_now();
    }
    IngestStatements& s = *ingest_;
    IngestOutcome outcome = IngestOutcome::accepted;
    try {
        s.duplicate.reset();
        if (s.duplicate.bind(1, r.sha256).step()) {
            outcome = IngestOutcome::duplicate;
        } else {
            s.retire.reset();
            s.retire.bind(1, r.code).bind(2, r.fiscal_year).run();
            if (sqlite3_changes(db_) > 0) outcome = IngestOutcome::replaced;
            s.report.reset();
            s.report.bind(1, r.code).bind(2, r.fiscal_year).bind(3, r.name).bind(4, r.prefecture).bind(5, r.population).bind(6, r.type)
                .bind(7, r.sha256).bind(8, r.source_file).bind(9, group_received_at_).bind(10, r.answers_text).bind(11, r.report_json)
                .bind(12, r.peer_group).bind(13, r.signer).run();
            const long long id = sqlite3_last_insert_rowid(db_);
            for (const auto& a : r.results) {
                s.result.reset();
                s.result.bind(1, id).bind(2, a.area).bind(3, a.rules_version).bind(4, a.scored ? 1 : 0).bind(5, a.level).bind(6, a.score)
                    .bind(7, a.completeness).run();
            }
            s.overall.reset();
            s.overall.bind(1, id).bind(2, r.overall_index).run();
            test_pause();
        }
        s.duplicate.reset();
    } catch (...) {
        // A report half-stored must not be committed: the whole group goes (a re-run stores it again).
        group_open_ = false;
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    if (std::chrono::steady_clock::now() - group_started_ > std::chrono::milliseconds(250)) commit_pending();
    return outcome;
}

void ReportStore::store_rescore(long long report_id, const std::string& label, const std::vector<StoredResult>& results,
                                double overall_index) {
    if (!rescore_) rescore_ = std::make_unique<RescoreStatements>(db_);
    RescoreStatements& s = *rescore_;
    s.clear.reset();
    s.clear.bind(1, report_id).bind(2, label).run();
    for (const auto& a : results) {
        s.result.reset();
        s.result.bind(1, report_id).bind(2, label).bind(3, a.area).bind(4, a.rules_version).bind(5, a.scored ? 1 : 0).bind(6, a.level)
            .bind(7, a.score).bind(8, a.completeness).run();
    }
    s.overall.reset();
    s.overall.bind(1, report_id).bind(2, label).bind(3, overall_index).run();
}

void ReportStore::for_each_current(std::optional<int> year, const std::string& scale, bool with_answers,
                                   const std::function<void(const StoredReport&)>& visit) const {
    // One pass over the current reports in code order (the partial index), each joined with its
    // figures on the scale: one report in memory at a time.
    const std::string columns =
        "SELECT r.id, r.code, r.fiscal_year, r.name, r.prefecture, r.population, r.type, COALESCE(o.idx, 0), "
        "res.area, res.rules_version, res.scored, res.level, res.score, res.completeness, r.peer_group, r.received_at, r.signer";
    const std::string rest =
        " FROM reports r LEFT JOIN overall o ON o.report_id = r.id AND o.scale = ?1 "
        "LEFT JOIN results res ON res.report_id = r.id AND res.scale = ?1 "
        "WHERE r.current = 1 AND (?2 IS NULL OR r.fiscal_year = ?2) ORDER BY r.code, r.fiscal_year, r.id";
    Statement q(db_, (columns + (with_answers ? ", r.answers_text" : "") + rest).c_str());
    q.bind(1, scale);
    if (year) q.bind(2, *year);
    StoredReport s;
    bool pending = false;
    while (q.step()) {
        const long long id = q.integer(0);
        if (!pending || id != s.id) {
            if (pending) visit(s);
            s = StoredReport{};
            s.id = id;
            s.code = q.text(1);
            s.fiscal_year = static_cast<int>(q.integer(2));
            s.name = q.text(3);
            s.prefecture = q.text(4);
            s.population = q.integer(5);
            s.type = q.text(6);
            s.overall_index = q.real(7);
            s.peer_group = q.text(14);
            s.received_at = q.text(15);
            s.signer = q.text(16);
            if (with_answers) s.answers_text = q.text(17);
            pending = true;
        }
        if (!q.is_null(8))
            s.results.push_back({q.text(8), q.text(9), q.integer(10) != 0, static_cast<int>(q.integer(11)), static_cast<int>(q.integer(12)),
                                 q.real(13)});
    }
    if (pending) visit(s);
}

void ReportStore::import_keys(const std::vector<SignerKey>& keys) {
    Statement upsert(db_,
                     "INSERT INTO signer_keys (code, public_key, key_id, valid_from, valid_until, revoked_on, source_file, imported_at) "
                     "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (code, public_key) DO UPDATE SET valid_from = excluded.valid_from, "
                     "valid_until = excluded.valid_until, revoked_on = excluded.revoked_on, source_file = excluded.source_file, "
                     "imported_at = excluded.imported_at");
    const std::string now = utc_now();
    begin();
    try {
        for (const auto& k : keys) {
            upsert.reset();
            upsert.bind(1, k.code).bind(2, k.public_key).bind(3, k.key_id).bind(4, k.valid_from).bind(5, k.valid_until).bind(6, k.revoked_on)
                .bind(7, k.source_file).bind(8, now).run();
        }
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    commit();
}

std::vector<SignerKey> ReportStore::signer_keys() const {
    std::vector<SignerKey> out;
    Statement q(db_, "SELECT code, public_key, key_id, valid_from, valid_until, revoked_on, source_file FROM signer_keys ORDER BY code, valid_from");
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
    return out;
}

long long ReportStore::count_reports() const {
    Statement q(db_, "SELECT COUNT(*) FROM reports");
    q.step();
    return q.integer(0);
}

std::vector<std::string> ReportStore::scales() const {
    std::vector<std::string> out;
    Statement q(db_, "SELECT DISTINCT scale FROM results ORDER BY scale");
    while (q.step()) out.push_back(q.text(0));
    return out;
}

std::vector<int> ReportStore::years() const {
    std::vector<int> out;
    Statement q(db_, "SELECT DISTINCT fiscal_year FROM reports ORDER BY fiscal_year");
    while (q.step()) out.push_back(static_cast<int>(q.integer(0)));
    return out;
}

}  // namespace dxassess::host
