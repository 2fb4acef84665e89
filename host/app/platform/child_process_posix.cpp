// POSIX implementation of platform/child_process.hpp: fork, a pipe for the result, poll for the deadline.
#include "platform/child_process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace dxassess::host {
namespace {

using Clock = std::chrono::steady_clock;

void write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

std::string signal_name(int sig) {
    switch (sig) {
        case SIGSEGV: return "SIGSEGV";
        case SIGABRT: return "SIGABRT";
        case SIGBUS: return "SIGBUS";
        case SIGFPE: return "SIGFPE";
        case SIGILL: return "SIGILL";
        case SIGKILL: return "SIGKILL";
        default: return "signal " + std::to_string(sig);
    }
}

}  // namespace

ChildOutcome run_in_child(const std::function<std::string()>& work, double timeout_seconds) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return {ChildEnd::not_started, {}, "pipe"};
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);  // the child must not print what the parent buffered
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return {ChildEnd::not_started, {}, "fork"};
    }
    if (pid == 0) {
        ::close(fds[0]);
        // Fatal signals kill the child plainly, whatever handlers the parent had (test frameworks,
        // sanitizers), so the parent sees exactly what happened.
        for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::signal(sig, SIG_DFL);
        int code = 0;
        try {
            write_all(fds[1], work());
        } catch (...) {
            code = 70;
        }
        ::close(fds[1]);
        ::_exit(code);  // no atexit handlers, no destructors of the parent's objects
    }
    ::close(fds[1]);

    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_seconds));
    const auto left_ms = [&] {
        return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
    };
    std::string data;
    bool timed_out = false;
    for (;;) {  // read until EOF or the deadline
        const int ms = left_ms();
        if (ms <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int r = ::poll(&p, 1, ms);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue;
        char buf[65536];
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (!timed_out) {  // the child closed its end; wait for it to exit, still within the deadline
        const pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (left_ms() <= 0) timed_out = true;
        else std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (timed_out) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        return {ChildEnd::timed_out, {}, {}};
    }
    if (WIFSIGNALED(status)) return {ChildEnd::crashed, {}, signal_name(WTERMSIG(status))};
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) return {ChildEnd::exited_with_error, {}, std::to_string(WEXITSTATUS(status))};
    return {ChildEnd::finished, std::move(data), {}};
}

}  // namespace dxassess::host
