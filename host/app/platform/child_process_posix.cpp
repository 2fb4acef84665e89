// POSIX implementation of platform/child_process.hpp: fork; in the child, limits (rlimits, a
// seccomp filter on Linux, an unprivileged user), then the work; in the parent, two pipes (the
// result, and the child's stdout/stderr) read with poll until the deadline. The task runs in the
// fork itself: serve_child_task has nothing to do here.
//
// The result pipe carries one tag byte, then a payload: 'R' what the task returned, 'X' the message
// of an exception, 'M' an allocation failed at the memory limit, 'E' a limit could not be set.
// A child that exits without a tag never returned (foreign code called exit()).
#include "platform/child_process.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <iostream>
#include <new>
#include <poll.h>
#include <pwd.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifdef __linux__
#include <seccomp.h>
#include <sys/prctl.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace dxassess::host {
namespace {

using Clock = std::chrono::steady_clock;

int result_fd = -1;  // the child's end of the result pipe (in the child only)

void write_all(int fd, const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void report_and_exit(char tag, const std::string& payload) {
    std::string msg(1, tag);
    msg += payload;
    write_all(result_fd, msg.data(), msg.size());
    ::_exit(0);  // no atexit handlers, no destructors of the parent's objects
}

// operator new failed at the memory limit: say so before the failure turns into something vaguer.
void out_of_memory() { report_and_exit('M', {}); }

#if defined(__SANITIZE_ADDRESS__)
// A sanitizer build allocates through AddressSanitizer, which reports an exhausted address space
// itself and dies; its report is how the child learns that the memory limit was the cause.
void sanitizer_report(const char* report) {
    if (report && (std::strstr(report, "out of memory") || std::strstr(report, "allocation-size-too-big") ||
                   std::strstr(report, "requested allocation size")))
        report_and_exit('M', {});
}
#endif

std::string signal_name(int sig) {
    switch (sig) {
        case SIGSEGV: return "SIGSEGV";
        case SIGABRT: return "SIGABRT";
        case SIGBUS: return "SIGBUS";
        case SIGFPE: return "SIGFPE";
        case SIGILL: return "SIGILL";
        case SIGKILL: return "SIGKILL";
        case SIGTERM: return "SIGTERM";
        case SIGSYS: return "SIGSYS";
        default: return "signal " + std::to_string(sig);
    }
}

/// The user the child drops to, looked up in the parent (name lookups are not safe after fork).
struct Identity {
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

std::string lookup(const std::string& name, Identity& id) {
    if (::geteuid() != 0 || name.empty()) return {};
    std::vector<char> buf(16384);
    passwd pw{};
    passwd* found = nullptr;
    if (::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr)
        return "user " + name + " does not exist";
    if (found->pw_uid == 0) return "user " + name + " is root";
    id = {true, found->pw_uid, found->pw_gid};
    return {};
}

#ifdef __linux__
/// Foreign code may not signal, trace or write into any process but its own (the host above all):
/// trying it ends the child with SIGSYS, which the parent reports as what it is.
std::string forbid_touching_others(pid_t parent) {
    const pid_t self = ::getpid();
    scmp_filter_ctx ctx = ::seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) return "seccomp_init";
    const auto deny = SCMP_ACT_KILL_PROCESS;
    int rc = 0;
    for (int sys : {SCMP_SYS(kill), SCMP_SYS(tkill), SCMP_SYS(tgkill), SCMP_SYS(rt_sigqueueinfo), SCMP_SYS(rt_tgsigqueueinfo)})
        rc |= ::seccomp_rule_add(ctx, deny, sys, 1, SCMP_A0(SCMP_CMP_NE, static_cast<scmp_datum_t>(self)));
    rc |= ::seccomp_rule_add(ctx, deny, SCMP_SYS(pidfd_send_signal), 0);
    rc |= ::seccomp_rule_add(ctx, deny, SCMP_SYS(process_vm_writev), 0);
    rc |= ::seccomp_rule_add(ctx, deny, SCMP_SYS(ptrace), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, static_cast<scmp_datum_t>(parent)));
    if (rc == 0) rc = ::seccomp_load(ctx);
    ::seccomp_release(ctx);
    return rc == 0 ? std::string() : "seccomp";
}

/// Virtual memory the child already has (inherited from the parent), in bytes.
std::uint64_t address_space_in_use() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    unsigned long long pages = 0;
    if (f) {
        if (std::fscanf(f, "%llu", &pages) != 1) pages = 0;
        std::fclose(f);
    }
    return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}
#endif

/// Everything the child sets up before running the work; "" or the step that failed.
std::string confine(const ChildLimits& limits, const Identity& id, pid_t parent) {
    ::setpgid(0, 0);  // its own process group: the parent kills the group, grandchildren included
#ifdef __linux__
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the host
    if (::getppid() != parent) return "parent";
#endif
    const auto cpu = static_cast<rlim_t>(limits.timeout_seconds) + 1;
    rlimit r{cpu, cpu + 1};
    if (::setrlimit(RLIMIT_CPU, &r) != 0) return "RLIMIT_CPU";
    r = {0, 0};
    ::setrlimit(RLIMIT_CORE, &r);
#ifdef __linux__
    if (limits.memory_bytes > 0) {
        const std::uint64_t as = address_space_in_use() + limits.memory_bytes;
        r = {static_cast<rlim_t>(as), static_cast<rlim_t>(as)};
        if (::setrlimit(RLIMIT_AS, &r) != 0) return "RLIMIT_AS";
    }
#endif
    if (id.drop) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(id.gid) != 0 || ::setuid(id.uid) != 0) return "setuid";
        if (::setuid(0) == 0) return "setuid";  // must be irreversible
#ifdef __linux__
        ::prctl(PR_SET_DUMPABLE, 1);  // its own /proc entries stay readable to it (sanitizers need them)
#endif
    }
#ifdef __linux__
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return "no_new_privs";
    if (auto step = forbid_touching_others(parent); !step.empty()) return step;
#endif
    return {};
}

[[noreturn]] void child_main(const ChildTask& task, const ChildLimits& limits, const Identity& id, pid_t parent,
                             int out_fd) {
    // Standard output and error go to the capture pipe; standard input is empty.
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(out_fd, STDERR_FILENO);
    ::close(out_fd);
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    // Fatal signals kill the child plainly, whatever handlers the parent had (test frameworks,
    // sanitizers), so the parent sees exactly what happened.
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGXCPU, SIGPIPE, SIGTERM}) ::signal(sig, SIG_DFL);
    if (auto step = confine(limits, id, parent); !step.empty()) report_and_exit('E', step);
    std::set_new_handler(out_of_memory);
#if defined(__SANITIZE_ADDRESS__)
    __asan_set_error_report_callback(sanitizer_report);
#endif
    try {
        report_and_exit('R', task.run(task.input));
    } catch (const std::exception& e) {
        report_and_exit('X', e.what());
    } catch (...) {
        report_and_exit('X', {});
    }
}

/// Reads the result and the captured output until both pipes close, the child exits, or the deadline.
struct Reader {
    int result_fd;
    int output_fd;
    std::size_t keep;
    std::string result;
    std::string captured;
    std::size_t captured_total = 0;

    // Reads what one pipe has; false at its end.
    bool read_from(int fd) {
        char buf[65536];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) return errno == EINTR || errno == EAGAIN;
        if (n == 0) return false;
        if (fd == result_fd) {
            result.append(buf, static_cast<std::size_t>(n));
        } else {
            captured_total += static_cast<std::size_t>(n);
            if (captured.size() < keep) captured.append(buf, std::min(static_cast<std::size_t>(n), keep - captured.size()));
        }
        return true;
    }
    // Takes what is left in a pipe whose writer is gone, without waiting.
    void drain(int fd) {
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
        for (int i = 0; i < 4096; ++i) {  // bounded: a grandchild elsewhere may still be writing
            errno = 0;
            if (!read_from(fd) || errno == EAGAIN) return;
        }
    }
};

}  // namespace

std::optional<int> serve_child_task(int, char**, std::initializer_list<ChildTaskEntry>) { return std::nullopt; }  // children are forks

ChildOutcome run_in_child(const ChildTask& task, const ChildLimits& limits) {
    Identity id;
    if (auto problem = lookup(limits.run_as_user, id); !problem.empty()) return {ChildEnd::not_started, {}, problem, {}, 0};
    int result_pipe[2];
    int output_pipe[2];
    if (::pipe2(result_pipe, O_CLOEXEC) != 0) return {ChildEnd::not_started, {}, "pipe", {}, 0};
    if (::pipe2(output_pipe, O_CLOEXEC) != 0) {
        ::close(result_pipe[0]);
        ::close(result_pipe[1]);
        return {ChildEnd::not_started, {}, "pipe", {}, 0};
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);  // the child must not print what the parent buffered
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {result_pipe[0], result_pipe[1], output_pipe[0], output_pipe[1]}) ::close(fd);
        return {ChildEnd::not_started, {}, "fork", {}, 0};
    }
    if (pid == 0) {
        ::close(result_pipe[0]);
        ::close(output_pipe[0]);
        result_fd = result_pipe[1];
        child_main(task, limits, id, parent, output_pipe[1]);
    }
    ::setpgid(pid, pid);  // also from this side, so the group exists before the parent may kill it
    ::close(result_pipe[1]);
    ::close(output_pipe[1]);

    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.timeout_seconds));
    Reader reader{result_pipe[0], output_pipe[0], limits.output_bytes, {}, {}, 0};
    bool result_open = true, output_open = true, timed_out = false, exited = false, flooded = false;
    int status = 0;
    while (!exited) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p[2] = {{result_open ? result_pipe[0] : -1, POLLIN, 0}, {output_open ? output_pipe[0] : -1, POLLIN, 0}};
        // Wake at least every 20 ms: a grandchild may hold the pipes open after the child is gone.
        const int r = ::poll(p, 2, static_cast<int>(std::min<long long>(left, 20)));
        if (r < 0 && errno != EINTR) break;
        if (r > 0) {
            if (result_open && (p[0].revents & (POLLIN | POLLHUP | POLLERR))) result_open = reader.read_from(result_pipe[0]);
            if (output_open && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) output_open = reader.read_from(output_pipe[0]);
        }
        if (reader.captured_total > limits.output_limit) {
            flooded = true;
            break;
        }
        // Seen without reaping it: the group keeps its id until the child is reaped, below.
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) exited = true;
    }
    ::kill(-pid, SIGKILL);  // the child's process group: it, and anything it started
    if (exited) {
        if (result_open) reader.drain(result_pipe[0]);
        if (output_open) reader.drain(output_pipe[0]);
    }
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    ::close(result_pipe[0]);
    ::close(output_pipe[0]);

    ChildOutcome out;
    out.captured = std::move(reader.captured);
    out.captured_total = reader.captured_total;
    if (timed_out || flooded) {
        out.end = timed_out ? ChildEnd::timed_out : ChildEnd::output_limit;
        return out;
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        out.end = sig == SIGXCPU ? ChildEnd::cpu_limit : sig == SIGSYS ? ChildEnd::forbidden_call : ChildEnd::crashed;
        out.detail = signal_name(sig);
        return out;
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const char tag = reader.result.empty() ? '\0' : reader.result[0];
    const std::string payload = reader.result.empty() ? std::string() : reader.result.substr(1);
    switch (tag) {
        case 'R': out.end = ChildEnd::finished; out.output = payload; break;
        case 'X': out.end = ChildEnd::threw; out.detail = payload; break;
        case 'M': out.end = ChildEnd::memory_limit; break;
        case 'E': out.end = ChildEnd::not_started; out.detail = payload; break;
        default: out.end = ChildEnd::exited_early; out.detail = std::to_string(code); break;
    }
    return out;
}

}  // namespace dxassess::host
