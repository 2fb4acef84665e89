// The platform's child process: each limit is in force inside the child, and each way a child can
// end is told apart. Foreign plugins run in such a child (tests/cli/plugin_faults.cmake covers them).
// The tasks are plain functions listed in test_main.cpp, so a Windows child (a new start of this
// test program) finds them by name.
#include "test_support.hpp"
#include "child_tasks.hpp"

#include "platform/child_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace dxassess::host;

namespace test::tasks {

std::string echo(const std::string& input) { return "got " + input; }
std::string exit_early(const std::string&) { std::exit(0); }
std::string throws(const std::string&) { throw std::runtime_error("boom"); }
std::string allocate(const std::string&) {
    static char* volatile block = nullptr;
    block = new char[std::size_t{1} << 30];
    std::memset(block, 1, std::size_t{1} << 30);
    return "allocated";
}
std::string aborts(const std::string&) { std::abort(); }
std::string sleeps(const std::string&) {
    std::this_thread::sleep_for(std::chrono::seconds(60));
    return {};
}
std::string prints(const std::string&) {
    std::fputs("hello from the child\n", stdout);
    std::fflush(stdout);
    return "ok";
}
std::string floods(const std::string&) {
    for (;;) std::fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", stdout);
}
std::string confinement(const std::string&) {
#ifdef _WIN32
    BOOL in_job = FALSE;
    ::IsProcessInJob(::GetCurrentProcess(), nullptr, &in_job);
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
    ::QueryInformationJobObject(nullptr, JobObjectExtendedLimitInformation, &info, sizeof info, nullptr);
    return std::to_string(in_job) + " " + std::to_string(info.ProcessMemoryLimit >> 20);
#else
    rlimit as{}, cpu{};
    ::getrlimit(RLIMIT_AS, &as);
    ::getrlimit(RLIMIT_CPU, &cpu);
    return std::to_string(::getuid()) + " " + std::to_string(::getpgrp() == ::getpid()) + " " +
           std::to_string(::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)) + " " + std::to_string(as.rlim_cur != RLIM_INFINITY) + " " +
           std::to_string(cpu.rlim_cur);
#endif
}
std::string signals_parent(const std::string&) {
#ifndef _WIN32
    ::kill(::getppid(), SIGTERM);
#endif
    return "still here";
}

}  // namespace test::tasks

namespace {

ChildLimits limits() {
    ChildLimits l;
    l.timeout_seconds = 5;
    l.memory_bytes = std::uint64_t{256} << 20;
    l.run_as_user = "nobody";
    return l;
}

ChildOutcome run(const char* name, ChildTaskFunction fn, const ChildLimits& l = limits(), std::string input = {}) {
    return run_in_child({name, fn, std::move(input)}, l);
}

}  // namespace

TEST_CASE("a child gets its input and returns its output", "[platform][isolation]") {
    const std::string input = "回答 \"quoted\"\n" + std::string(200000, 'x');  // larger than a pipe's buffer
    const ChildOutcome out = run("echo", test::tasks::echo, limits(), input);
    REQUIRE(out.end == ChildEnd::finished);
    CHECK(out.output == "got " + input);
}

#ifdef _WIN32
TEST_CASE("a child runs confined: in a job object with the memory limit", "[platform][isolation]") {
    const ChildOutcome out = run("confinement", test::tasks::confinement);
    REQUIRE(out.end == ChildEnd::finished);
    if (test::under_wine()) {
        WARN("Wine keeps no job memory limit: only the job is checked here");
        CHECK(out.output.substr(0, 2) == "1 ");
    } else {
        CHECK(out.output == "1 256");
    }
}
#else
TEST_CASE("a child runs confined: own process group, no new privileges, limits, unprivileged when root", "[platform][isolation]") {
    const bool root = ::geteuid() == 0;
    const ChildOutcome out = run("confinement", test::tasks::confinement);
    REQUIRE(out.end == ChildEnd::finished);
    const passwd* nobody = ::getpwnam("nobody");
    const std::string uid = root && nobody ? std::to_string(nobody->pw_uid) : std::to_string(::getuid());
    CHECK(out.output == uid + " 1 1 1 6");  // CPU limit: the 5 s time limit, plus one
}
#endif

TEST_CASE("each way a child ends is told apart", "[platform][isolation]") {
    SECTION("exit before returning") {
        const ChildOutcome out = run("exit-early", test::tasks::exit_early);
        CHECK(out.end == ChildEnd::exited_early);
        CHECK(out.detail == "0");
    }
    SECTION("an exception") {
        const ChildOutcome out = run("throws", test::tasks::throws);
        CHECK(out.end == ChildEnd::threw);
        CHECK(out.detail == "boom");
    }
    SECTION("memory beyond the limit") {
        if (test::under_wine()) {
            WARN("Wine does not enforce a job's memory limit: checked on Windows and Linux only");
            return;
        }
        const ChildOutcome out = run("allocate", test::tasks::allocate);
        CHECK(out.end == ChildEnd::memory_limit);
    }
#ifndef _WIN32
    SECTION("signalling the parent") {
        const ChildOutcome out = run("signals-parent", test::tasks::signals_parent);
        CHECK(out.end == ChildEnd::forbidden_call);
    }
#endif
    SECTION("a crash") {
        const ChildOutcome out = run("aborts", test::tasks::aborts);
        CHECK(out.end == ChildEnd::crashed);
        CHECK(out.detail == "SIGABRT");
    }
    SECTION("a time-out") {
        ChildLimits l = limits();
        l.timeout_seconds = 0.3;
        const auto start = std::chrono::steady_clock::now();
        const ChildOutcome out = run("sleeps", test::tasks::sleeps, l);
        CHECK(out.end == ChildEnd::timed_out);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));  // the child was stopped, not awaited
    }
    SECTION("output is captured, bounded, and a flood is stopped") {
        ChildLimits l = limits();
        l.output_bytes = 10;
        const ChildOutcome some = run("prints", test::tasks::prints, l);
        CHECK(some.end == ChildEnd::finished);
        CHECK(some.captured == "hello from");
        CHECK(some.captured_total == 21);
        const ChildOutcome flood = run("floods", test::tasks::floods, l);
        CHECK(flood.end == ChildEnd::output_limit);
    }
#ifndef _WIN32
    SECTION("an unknown user to run as is refused, not ignored") {
        if (::geteuid() != 0) return;  // only root changes user
        ChildLimits l = limits();
        l.run_as_user = "no-such-user-dxassess";
        const ChildOutcome out = run("echo", test::tasks::echo, l);
        CHECK(out.end == ChildEnd::not_started);
        CHECK(out.detail == "user no-such-user-dxassess does not exist");
    }
#endif
}
