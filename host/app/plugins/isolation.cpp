#include "plugins/isolation.hpp"

#include <cstdio>

namespace dxassess::host {

std::optional<std::string> run_isolated(const std::function<std::string()>& work, double timeout_seconds,
                                        const std::string& what, engine::Text& failure, ChildEnd* end) {
    ChildOutcome child = run_in_child(work, timeout_seconds);
    if (end) *end = child.end;
    const std::string& d = child.detail;
    switch (child.end) {
        case ChildEnd::finished: return std::move(child.output);
        case ChildEnd::not_started:
            failure = d == "pipe" ? engine::Text{what + ": 子プロセス用のパイプを作れません", what + ": cannot create a pipe for the child process"}
                                  : engine::Text{what + ": 子プロセスを作れません", what + ": cannot fork a child process"};
            break;
        case ChildEnd::timed_out: {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%g", timeout_seconds);
            failure = {what + " が制限時間（" + secs + " 秒）内に終わらなかったため停止しました",
                       what + " did not finish within the time limit (" + secs + " s) and was stopped"};
            break;
        }
        case ChildEnd::crashed: failure = {what + " が異常終了しました（" + d + "）", what + " crashed (" + d + ")"}; break;
        case ChildEnd::exited_with_error:
            failure = {what + " が終了コード " + d + " で終了しました", what + " exited with status " + d};
            break;
    }
    return std::nullopt;
}

}  // namespace dxassess::host
