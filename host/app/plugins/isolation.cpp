#include "plugins/isolation.hpp"

#include "support/log.hpp"

#include <cstdio>
#include <sstream>

namespace dxassess::host {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// What the child printed, line by line into the log (shown with -v); a note when it was cut.
void log_captured(const ChildOutcome& child, const std::string& what, const ChildLimits& limits) {
    if (child.captured_total == 0) return;
    std::istringstream lines(child.captured);
    std::string line;
    while (std::getline(lines, line)) log::info("[" + what + "] " + line);
    if (child.captured_total > child.captured.size() && child.end != ChildEnd::output_limit)
        log::warn(what + " wrote " + std::to_string(child.captured_total) + " bytes of output; only the first " +
                  std::to_string(limits.output_bytes) + " were kept in the log (-v shows them)");
}

}  // namespace

std::optional<std::string> run_isolated(const ChildTask& task, const ChildLimits& limits,
                                        const std::string& what, engine::Text& failure) {
    ChildOutcome child = run_in_child(task, limits);
    log_captured(child, what, limits);
    const std::string& d = child.detail;
    switch (child.end) {
        case ChildEnd::finished: return std::move(child.output);
        case ChildEnd::not_started:
            failure = {what + " を分離して実行できません（" + d + "）。設定 plugin_user と --plugin-memory を確認してください",
                       what + " could not be started in isolation (" + d + "); check the plugin_user setting and --plugin-memory"};
            break;
        case ChildEnd::timed_out:
            failure = {what + " が制限時間（" + number(limits.timeout_seconds) + " 秒）内に終わらなかったため停止しました",
                       what + " did not finish within the time limit (" + number(limits.timeout_seconds) + " s) and was stopped"};
            break;
        case ChildEnd::cpu_limit:
            failure = {what + " が CPU 時間の制限を超えたため停止しました", what + " exceeded its CPU time limit and was stopped"};
            break;
        case ChildEnd::memory_limit: {
            const std::string mb = std::to_string(limits.memory_bytes / (1024 * 1024));
            failure = {what + " がメモリの制限（" + mb + " MB）を超えました", what + ": memory limit exceeded (" + mb + " MB)"};
            break;
        }
        case ChildEnd::output_limit: {
            const std::string kb = std::to_string(limits.output_limit / 1024);
            failure = {what + " が出力の上限（" + kb + " KB）を超えて書き続けたため停止しました",
                       what + " wrote more than the output limit (" + kb + " KB) and was stopped"};
            break;
        }
        case ChildEnd::forbidden_call:
            failure = {what + " が他のプロセスにシグナルを送ろうとした（または追跡しようとした）ため停止しました",
                       what + " tried to signal or trace another process (a forbidden system call) and was stopped"};
            break;
        case ChildEnd::crashed: failure = {what + " が異常終了しました（" + d + "）", what + " crashed (" + d + ")"}; break;
        case ChildEnd::threw:
            failure = {what + " が C の境界を越えて C++ の例外を投げました" + (d.empty() ? "" : "（" + d + "）"),
                       what + " threw a C++ exception across the C ABI" + (d.empty() ? "" : " (" + d + ")")};
            break;
        case ChildEnd::exited_early:
            failure = {what + " が結果を返す前に終了コード " + d + " で終了しました（プラグインが exit を呼びました）",
                       what + " exited with status " + d + " before returning a result (the plugin called exit)"};
            break;
    }
    return std::nullopt;
}

}  // namespace dxassess::host
