// The platform's child process: each limit is in force inside the child, and each way a child can
// end is told apart. Foreign plugins run in such a child (tests/cli/plugin_faults.cmake covers them).
#include "test_support.hpp"

#include "platform/child_process.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace dxassess::host;

namespace {

ChildLimits limits() {
    ChildLimits l;
    l.timeout_seconds = 5;
    l.memory_bytes = std::uint64_t{256} << 20;
    l.run_as_user = "nobody";
    return l;
}

}  // namespace

TEST_CASE("a child runs confined: own process group, no new privileges, limits, unprivileged when root", "[platform][isolation]") {
    const bool root = ::geteuid() == 0;
    const ChildOutcome out = run_in_child(
        [] {
            rlimit as{}, cpu{};
            ::getrlimit(RLIMIT_AS, &as);
            ::getrlimit(RLIMIT_CPU, &cpu);
            return std::to_string(::getuid()) + " " + std::to_string(::getpgrp() == ::getpid()) + " " +
                   std::to_string(::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)) + " " + std::to_string(as.rlim_cur != RLIM_INFINITY) + " " +
                   std::to_string(cpu.rlim_cur);
        },
        limits());
    REQUIRE(out.end == ChildEnd::finished);
    const passwd* nobody = ::getpwnam("nobody");
    const std::string uid = root && nobody ? std::to_string(nobody->pw_uid) : std::to_string(::getuid());
    CHECK(out.output == uid + " 1 1 1 6");  // CPU limit: the 5 s time limit, plus one
}

TEST_CASE("each way a child ends is told apart", "[platform][isolation]") {
    SECTION("exit before returning") {
        const ChildOutcome out = run_in_child([]() -> std::string { std::exit(0); }, limits());
        CHECK(out.end == ChildEnd::exited_early);
        CHECK(out.detail == "0");
    }
    SECTION("an exception") {
        const ChildOutcome out = run_in_child([]() -> std::string { throw std::runtime_error("boom"); }, limits());
        CHECK(out.end == ChildEnd::threw);
        CHECK(out.detail == "boom");
    }
    SECTION("memory beyond the limit") {
        const ChildOutcome out = run_in_child(
            [] {
                static char* volatile block = nullptr;
                block = new char[std::size_t{1} << 30];
                std::memset(block, 1, std::size_t{1} << 30);
                return std::string("allocated");
            },
            limits());
        CHECK(out.end == ChildEnd::memory_limit);
    }
    SECTION("signalling the parent") {
        const ChildOutcome out = run_in_child(
            [] {
                ::kill(::getppid(), SIGTERM);
                return std::string("still here");
            },
            limits());
        CHECK(out.end == ChildEnd::forbidden_call);
    }
    SECTION("a crash") {
        const ChildOutcome out = run_in_child([]() -> std::string { std::abort(); }, limits());
        CHECK(out.end == ChildEnd::crashed);
        CHECK(out.detail == "SIGABRT");
    }
    SECTION("a time-out") {
        ChildLimits l = limits();
        l.timeout_seconds = 0.3;
        const ChildOutcome out = run_in_child(
            [] {
                ::pause();
                return std::string();
            },
            l);
        CHECK(out.end == ChildEnd::timed_out);
    }
    SECTION("output is captured, bounded, and a flood is stopped") {
        ChildLimits l = limits();
        l.output_bytes = 10;
        const ChildOutcome some = run_in_child(
            [] {
                std::fputs("hello from the child\n", stdout);
                std::fflush(stdout);
                return std::string("ok");
            },
            l);
        CHECK(some.end == ChildEnd::finished);
        CHECK(some.captured == "hello from");
        CHECK(some.captured_total == 21);
        const ChildOutcome flood = run_in_child(
            [] {
                for (;;) std::fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", stdout);
                return std::string();
            },
            l);
        CHECK(flood.end == ChildEnd::output_limit);
    }
    SECTION("an unknown user to run as is refused, not ignored") {
        if (::geteuid() != 0) return;  // only root changes user
        ChildLimits l = limits();
        l.run_as_user = "no-such-user-dxassess";
        const ChildOutcome out = run_in_child([] { return std::string("ran"); }, l);
        CHECK(out.end == ChildEnd::not_started);
        CHECK(out.detail == "user no-such-user-dxassess does not exist");
    }
}
