// The national office's store of collected reports: one SQLite database file (no server).
// Reports are ingested in groups, each group in one transaction (a quarter of a second of work at
// most), so a report is stored whole or not at all: killing the process at any moment leaves the
// database consistent, and re-running completes the work without duplicates.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace dxassess::host {

/// One area's figures of a stored report, on one scale (the original scoring or a re-scoring).
struct StoredResult {
    std::string area;
    std::string rules_version;
    bool scored = false;        // scored from complete answers: the only results in means
    int level = 0;
    int score = 0;
    double completeness = 1.0;  // answered share of the required questions asked (reports before 1.1: 1)
    bool answered_area = true;  // scored or incomplete; false when its plugin failed (not stored)
    std::string status;                 // as the report states it: scored | incomplete | not_scored (not stored)
    std::vector<std::string> findings;  // the checks of its findings, in the report's order (not stored)
};

/// Who a report is about.
struct ReportHeader {
    std::string code;
    int fiscal_year = 0;
    std::string name;
    std::string prefecture;
    long long population = 0;
    std::string type;
    std::string peer_group;  // 類似団体区分 id ("" = not given)
};

/// A current (latest) submission with its figures on the requested scale.
struct StoredReport : ReportHeader {
    long long id = 0;
    std::string received_at;  // when collect stored it (UTC, ISO 8601)
    std::string signer;       // key id of the signature checked at collection ("" = unsigned)
    double overall_index = 0;
    std::string answers_text;
    std::vector<StoredResult> results;
};

/// A public key the office accepts signatures with, for one government and a span of dates
/// (YYYY-MM-DD; an empty end is open). A revoked key signs nothing from its revocation date on.
struct SignerKey {
    std::string code;
    std::string public_key;  // base64
    std::string key_id;
    std::string valid_from;
    std::string valid_until;
    std::string revoked_on;
    std::string source_file;
};

/// What ingesting one report did.
enum class IngestOutcome { accepted, replaced, duplicate };

struct NewReport : ReportHeader {
    std::string sha256;        // of the report file
    std::string source_file;
    double overall_index = 0;
    int overall_level = 0;
    std::optional<double> overall_mean_level;  // absent from reports before schema 1.1
    long long staff = 0;       // 0 = not given
    std::string answers_format = "toml";
    std::string answers_text;
    std::string signer;        // key id of a signature checked good and registered ("" = unsigned)
    bool has_signature = false;
    std::string report_json;   // the report as submitted; empty unless collected with --keep-reports
    std::vector<StoredResult> results;
};

class ReportStore {
public:
    /// Opens (creating if needed) the database. Throws std::runtime_error naming the file.
    explicit ReportStore(const std::string& path);
    ~ReportStore();
    ReportStore(const ReportStore&) = delete;
    ReportStore& operator=(const ReportStore&) = delete;

    /// Stores a report whole, in the open group transaction (starting one if needed; committed
    /// when it has run a quarter of a second). If storing fails, the group is rolled back and the
    /// error rethrown: nothing half-stored is ever committed. A report already stored (same SHA-256) is a
    /// duplicate; one for a code and year already stored replaces it as current, keeping the
    /// earlier one.
    IngestOutcome ingest(const NewReport& report);
    /// Commits the open group transaction, if any. The destructor does too.
    void commit_pending();

    /// Calls `visit` with each current (latest) submission, optionally of one fiscal year, in code
    /// order, with its figures on `scale` ("original" or a re-scoring label) and, `with_answers`,
    /// its answers. Streams: memory does not grow with the number of reports.
    void for_each_current(std::optional<int> year, const std::string& scale, bool with_answers,
                          const std::function<void(const StoredReport&)>& visit) const;
    /// Stores a re-scoring of one report under `label` (replacing an earlier one with the same label).
    void store_rescore(long long report_id, const std::string& label, const std::vector<StoredResult>& results, double overall_index);
    void begin();
    void commit();

    /// Registers keys (one transaction): a key already registered for the same code is updated.
    void import_keys(const std::vector<SignerKey>& keys);
    std::vector<SignerKey> signer_keys() const;

    /// Counts for tests and summaries.
    long long count_reports() const;
    std::vector<std::string> scales() const;
    std::vector<int> years() const;

private:
    struct IngestStatements;  // prepared once, reused for every report
    struct RescoreStatements;
    sqlite3* db_ = nullptr;
    std::string path_;
    std::unique_ptr<IngestStatements> ingest_;
    std::unique_ptr<RescoreStatements> rescore_;
    bool group_open_ = false;
    std::chrono::steady_clock::time_point group_started_;
    std::string group_received_at_;  // one time of receipt per group
};

}  // namespace dxassess::host
