// dxassess — the command-line host. Parses arguments (CLI11), dispatches to the commands, and
// maps every outcome to a documented exit code (support/exit_codes.hpp, docs/cli.md).
#include "assessment/assessment.hpp"
#include "cli/commands.hpp"
#include "office/office_commands.hpp"
#include "platform/child_process.hpp"
#include "platform/os.hpp"
#include "plugins/plugin_registry.hpp"
#include "support/exit_codes.hpp"
#include "support/log.hpp"

#include "support/build_config.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <thread>

using namespace dxassess::host;

namespace {

int run(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
    // A child process started to run a plugin in isolation (Windows) does only that.
    if (const auto status = serve_child_task(argc, argv, {{describe_task_name, describe_plugin_task}, {score_task_name, score_plugin_task}}))
        return *status;
    prepare_console();
    std::vector<std::string> args = utf8_arguments(argc, argv);  // Windows passes them in UTF-16
    std::vector<char*> pointers;
    for (auto& a : args) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    return run(static_cast<int>(args.size()), pointers.data());
}

namespace {

int run(int argc, char** argv) {
    CLI::App app{"dxassess — 自治体DX 成熟度評価 / municipal DX maturity self-assessment\n"
                 "終了コード / exit codes: 0 成功 ok, 1 内部エラー internal error, 2 入力・使い方の誤り invalid input or usage, "
                 "3 評価できない領域あり an area could not be scored, 4 ルールのテスト失敗 rule tests failed",
                 "dxassess"};
    app.set_version_flag("--version", std::string("dxassess ") + build_config::version);
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the subcommand
    app.allow_windows_style_options(false);  // on Windows too: "/path" is a file, not an option

    GlobalOptions g;
    std::string lang = "ja";
    app.add_option("--lang", lang, "表示言語 / output language (ja, en)")->check(CLI::IsMember({"ja", "en"}));
    app.add_option("--plugin-dir", g.plugin_dirs, "プラグインの場所（複数可）/ plugin directory (repeatable)");
    app.add_option("--rules-dir", g.rules_dirs, "ルールの場所（複数可）/ rules directory (repeatable)");
    app.add_flag("-v,--verbose", g.verbose, "詳細なログ / verbose log on stderr");
    app.add_flag("--isolate", g.run.isolate_all,
                 "公式プラグインも子プロセスで実行 / run official plugins in a child process too (foreign plugins always are)");
    app.add_option("--plugin-timeout", g.run.limits.timeout_seconds, "プラグインの制限時間（秒）/ time limit of an isolated plugin, in seconds")
        ->check(CLI::Range(0.1, 3600.0))
        ->default_val(10);
    std::uint64_t plugin_memory_mb = 1024;
    app.add_option("--plugin-memory", plugin_memory_mb, "分離したプラグインのメモリ上限（MB）/ memory limit of an isolated plugin, in MB")
        ->check(CLI::Range(16, 1048576))
        ->default_val(1024);
    app.add_option("--lock-file", g.lock_file, "ロックファイル: ダイジェストが違うものを拒否 / refuse plugins and rules whose SHA-256 differs");

    AssessOptions assess;
    CLI::App* cmd_assess = app.add_subcommand("assess", "回答を評価してレポートを書く / assess answers and write the report");
    cmd_assess->add_option("answers", assess.answers_file, "回答ファイル（.toml）または回答票（.xlsx）/ answers file (TOML) or questionnaire workbook (XLSX)")->required();
    cmd_assess->add_option("-o,--output", assess.output_dir, "出力ディレクトリ / output directory")->default_val(".");
    cmd_assess->add_option("--format", assess.formats, "出力形式 / report formats (json, md, html, csv, xlsx)")
        ->delimiter(',')
        ->check(CLI::IsMember({"json", "md", "html", "csv", "xlsx"}))
        ->default_val(std::vector<std::string>{"json", "md", "html"});
    cmd_assess->add_option("--benchmark", assess.benchmark_file,
                           "比較対象の平均レベル（TOML）/ benchmark file: mean levels per area, with year and source");
    cmd_assess->add_flag("--bom", assess.bom, "CSV に BOM を付ける（Excel 用）/ write a UTF-8 BOM in the CSV (for Excel)");
    cmd_assess->add_option("--headers", assess.csv_headers, "CSV の列名: en（既定、スクリプト用）または ja / CSV column names: en (default) or ja")
        ->check(CLI::IsMember({"en", "ja"}))
        ->default_val("en");
    cmd_assess->add_flag("--open", assess.open, "書いた report.html を開く / open the written report.html");
    cmd_assess->add_option("--sign", assess.sign_key, "report.json に秘密鍵で署名 / sign report.json with this secret key (CODE.key)");

    std::string keys_code, keys_dir = ".", keys_csv, keys_db;
    CLI::App* cmd_keys = app.add_subcommand("keys", "署名の鍵 / signing keys");
    cmd_keys->require_subcommand(1);
    CLI::App* cmd_keys_generate = cmd_keys->add_subcommand("generate", "団体の鍵ペアを作る / make a government's Ed25519 key pair");
    cmd_keys_generate->add_option("--code", keys_code, "全国地方公共団体コード / local government code")->required();
    cmd_keys_generate->add_option("-o,--output", keys_dir, "鍵を書くディレクトリ / directory for CODE.key and CODE.pub")->default_val(".");
    CLI::App* cmd_keys_import = cmd_keys->add_subcommand("import", "公開鍵を登録（国）/ register public keys (national office)");
    cmd_keys_import->add_option("csv", keys_csv, "code,key_file,valid_from[,valid_until,revoked_on] の CSV / CSV of keys")->required();
    cmd_keys_import->add_option("--db", keys_db, "SQLite データベース / SQLite database file")->required();

    std::string sign_report, sign_key;
    CLI::App* cmd_sign = app.add_subcommand("sign", "レポートに署名 / sign a JSON report");
    cmd_sign->add_option("report", sign_report, "レポート / report.json")->required();
    cmd_sign->add_option("--key", sign_key, "秘密鍵 / secret key file (CODE.key)")->required();

    CLI::App* cmd_plugins = app.add_subcommand("plugins", "見つかったプラグインと状態 / list plugins: loaded, refused and why");
    std::string lock_out;
    bool lock_check = false;
    cmd_plugins->add_option("--lock", lock_out, "ロックファイルを書く / write the SHA-256 of every plugin and rule set that loads");
    cmd_plugins->add_flag("--check", lock_check, "ロックファイルと照合 / verify against the lock file without assessing");

    CLI::App* cmd_rules = app.add_subcommand("rules", "ルールファイルの操作 / rule file tools");
    cmd_rules->require_subcommand(1);
    std::vector<std::string> rule_files;
    CLI::App* cmd_check = cmd_rules->add_subcommand("check", "ルールファイルを検査 / check rule files (all installed if none given)");
    cmd_check->add_option("files", rule_files, "ルールファイル / rule files");

    InitOptions init;
    CLI::App* cmd_init = app.add_subcommand("init", "回答テンプレート・回答票（Excel）を作成・更新 / write or update the answers template or workbook");
    cmd_init->add_option("-o,--output", init.output,
                         "回答ファイル（既定 answers.toml、xlsx なら answers.xlsx）/ file to write (answers already in it are kept)");
    cmd_init->add_option("--format", init.format, "toml または xlsx（既定は出力の拡張子）/ toml or xlsx (default: by the extension)")
        ->check(CLI::IsMember({"toml", "xlsx"}));
    cmd_init->add_flag("--open", init.open, "書いたファイルを開く（回答票は Excel で）/ open the written file (the workbook in Excel)");
    cmd_init->add_option("--from", init.from, "引き継ぐ回答（.toml、回答票 .xlsx、XLSX レポート）/ answers to start from (.toml, workbook or XLSX report)");

    std::string convert_input, convert_output;
    CLI::App* cmd_convert = app.add_subcommand("convert", "回答ファイル（TOML）と回答票（Excel）の変換 / answers file (TOML) <-> workbook (XLSX)");
    // No CLI::ExistingFile here or above: it reads names in the ANSI code page on Windows. A missing
    // file is an input error from the reader, naming it.
    cmd_convert->add_option("input", convert_input, "変換元 / file to convert (.toml or .xlsx)")->required();
    cmd_convert->add_option("-o,--output", convert_output, "変換先 / file to write (.xlsx or .toml)")->required();

    std::string diff_old, diff_new, diff_format = "text";
    CLI::App* cmd_diff = app.add_subcommand("diff", "2 つのレポートの違い / what changed between two JSON reports");
    cmd_diff->add_option("old", diff_old, "前のレポート / older report.json")->required();
    cmd_diff->add_option("new", diff_new, "新しいレポート / newer report.json")->required();
    cmd_diff->add_option("--format", diff_format, "text または json / text or json")->check(CLI::IsMember({"text", "json"}));

    std::string explain_report, explain_area;
    CLI::App* cmd_explain = app.add_subcommand("explain", "レベルの理由 / why each area got its level");
    cmd_explain->add_option("report", explain_report, "レポート / report.json")->required();
    cmd_explain->add_option("--area", explain_area, "領域 / only this area");

    CollectOptions collect;
    CLI::App* cmd_collect = app.add_subcommand("collect", "レポートを取り込む / ingest JSON reports into the database");
    cmd_collect->add_option("reports", collect.inputs, "レポートかディレクトリ / report files or directories")->required();
    cmd_collect->add_option("--db", collect.db, "SQLite データベース / SQLite database file")->required();
    cmd_collect->add_flag("--keep-reports", collect.keep_reports,
                          "レポート本文もデータベースに保存する / also store each report's text in the database");
    cmd_collect
        ->add_option("--min-completeness", collect.min_completeness,
                     "各領域の必須回答の割合の下限（0〜1、既定 1 = すべて）/ least share of required answers per area (0..1, default 1: all)")
        ->check(CLI::Range(0.0, 1.0));
    cmd_collect->add_flag("--require-signature", collect.require_signature,
                          "登録済みの鍵の署名がないレポートを却下 / reject reports not signed with a registered key");

    SummaryOptions summary;
    CLI::App* cmd_summary = app.add_subcommand("summary", "集計 / compare the collected reports");
    cmd_summary->add_option("--db", summary.db, "SQLite データベース / SQLite database file")->required();
    cmd_summary->add_option("--year", summary.year, "年度 / fiscal year (default: the latest)");
    cmd_summary->add_option("--by", summary.by, "area | prefecture | population-band | type | peer-group")
        ->check(CLI::IsMember({"area", "prefecture", "population-band", "type", "peer-group"}));
    cmd_summary->add_flag("--trend", summary.trend, "年度ごとの推移 / each area's distribution and mean per fiscal year");
    cmd_summary->add_option("--map-area", summary.map_area, "地図の色: 領域の平均レベル / colour the map by this area's mean level (default: the index)");
    cmd_summary->add_option("--prefecture", summary.prefecture, "都道府県の団体一覧 / list one prefecture's governments (code 01..47 or name)");
    cmd_summary->add_option("--format", summary.format, "text | csv | json | html")->check(CLI::IsMember({"text", "csv", "json", "html"}));
    cmd_summary->add_option("--scale", summary.scale, "original または再採点のラベル / original or a rescore label");
    cmd_summary->add_option("--expected", summary.expected_file, "提出予定の団体（CSV: code,name）/ CSV of the governments expected to submit");
    cmd_summary->add_option("--benchmark-out", summary.benchmark_out, "ベンチマークファイルを書く / write the benchmark file of mean levels");
    cmd_summary->add_option("-o,--output", summary.output, "出力ファイル / output file (default: standard output)");
    cmd_summary->add_flag("--bom", summary.bom, "CSV に BOM / UTF-8 BOM in the CSV");

    BatchOptions batch;
    CLI::App* cmd_batch = app.add_subcommand("batch", "多数の回答を一括採点 / score many answer sets (JSON lines or CSV)");
    cmd_batch->add_option("--input", batch.input, "入力 / FILE.jsonl or FILE.csv")->required();
    cmd_batch->add_option("--out", batch.out, "結果 / results, one JSON line per input line")->required();
    cmd_batch->add_option("--reports", batch.reports_dir, "レポートの出力先 / also write a full JSON report per line here");
    cmd_batch->add_option("--id-field", batch.id_field,
                          "結果行に写す入力の項目 / the input field copied to each result line as \"id\" (JSON: a dotted path; CSV: a column)")
        ->capture_default_str();
    batch.jobs = std::max(1u, std::thread::hardware_concurrency());
    cmd_batch->add_option("--jobs", batch.jobs, "採点するスレッド数 / threads that score answer sets (default: the number of cores)")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();

    std::string rescore_db, rescore_rules, rescore_label;
    CLI::App* cmd_rescore = app.add_subcommand("rescore", "別のルールで再採点 / re-score stored answers under other rules");
    cmd_rescore->add_option("--db", rescore_db, "SQLite データベース / SQLite database file")->required();
    cmd_rescore->add_option("--rules", rescore_rules, "ルールのディレクトリ / directory of the rule sets to score with")->required();
    cmd_rescore->add_option("--label", rescore_label, "尺度の名前 / name of the scale (default: the rule-set versions)");

    GenerateOptions gen;
    BenchOptions bench;
    CLI::App* cmd_bench = app.add_subcommand("bench", "採点の速さを測る / how fast rule sets score, on generated answers");
    cmd_bench->add_option("RULES_DIR", bench.rules_dir, "規則のディレクトリ / directory of rule sets")->required();
    cmd_bench->add_option("--count", bench.count, "生成する回答の件数 / answer sets to generate")->check(CLI::Range(1LL, 100000000LL))->capture_default_str();
    cmd_bench->add_option("--seed", bench.seed, "乱数の種 / random seed")->capture_default_str();
    CLI::App* cmd_generate = app.add_subcommand("generate", "合成の回答を生成 / synthetic valid answer sets (JSON lines)");
    cmd_generate->add_option("--count", gen.count, "件数 / how many")->check(CLI::Range(1LL, 100000000LL));
    cmd_generate->add_option("--seed", gen.seed, "乱数の種 / random seed");
    cmd_generate->add_option("--year", gen.fiscal_year, "年度（--national では最新の年度）/ fiscal year (the latest, with --national)")
        ->check(CLI::Range(2000, 2100));
    cmd_generate->add_flag("--national", gen.national,
                           "全国 1,788 団体の形（都道府県・政令市・中核市・特別区・市・町村、類似団体区分つき）/ the 1,788 governments of a Japan-shaped country")
        ->excludes("--count");
    cmd_generate->add_option("--years", gen.years, "--national の年度数 / fiscal years of the national set")->check(CLI::Range(1, 20))->needs("--national");
    cmd_generate->add_option("--out", gen.out, "出力 / FILE.jsonl")->required();

    TestOptions test;
    CLI::App* cmd_test = app.add_subcommand("test", "ルールのテストを実行 / run the rule tests (*.test.toml)");
    cmd_test->add_option("paths", test.paths, "テストファイルかディレクトリ / test files or directories (default: the rules directories)");
    cmd_test->add_option("--min-coverage", test.min_coverage, "必要なカバレッジ（%）/ required coverage of levels and checks, in percent")
        ->check(CLI::Range(0.0, 100.0));
    cmd_test->add_option("--rules", test.rules_file,
                         "テストするルールファイル（既定: テストの隣の <領域>.toml）/ the rule set to test (default: <area>.toml next to the tests)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_input;
    }

    g.lang = lang == "en" ? dxassess::engine::Lang::en : dxassess::engine::Lang::ja;
    log::init(g.verbose);
    g.run.limits.memory_bytes = plugin_memory_mb * 1024 * 1024;
    try {
        if (*cmd_assess) return run_assess(g, assess);
        if (*cmd_plugins) return run_plugins(g, lock_out, lock_check);
        if (*cmd_check) return run_rules_check(g, rule_files);
        if (*cmd_test) return run_rule_tests(g, test);
        if (*cmd_init) return run_init(g, init);
        if (*cmd_convert) return run_convert(g, convert_input, convert_output);
        if (*cmd_collect) return run_collect(g, collect);
        if (*cmd_keys_generate) return run_keys_generate(g, keys_code, keys_dir);
        if (*cmd_keys_import) return run_keys_import(g, keys_csv, keys_db);
        if (*cmd_sign) return run_sign(g, sign_report, sign_key);
        if (*cmd_summary) return run_summary(g, summary);
        if (*cmd_batch) return run_batch(g, batch);
        if (*cmd_rescore) return run_rescore(g, rescore_db, rescore_rules, rescore_label);
        if (*cmd_generate) return run_generate(g, gen);
        if (*cmd_bench) return run_bench(g, bench);
        if (*cmd_diff) return run_diff(g, diff_old, diff_new, diff_format == "json");
        if (*cmd_explain) return run_explain(g, explain_report, explain_area);
    } catch (const std::exception& e) {
        std::cerr << "dxassess: " << (g.lang == dxassess::engine::Lang::en ? "internal error: " : "内部エラー: ") << e.what()
                  << "\n";
        return exit_internal;
    }
    return exit_input;
}

}  // namespace
