// Windows implementation of platform/child_process.hpp. Windows has no fork(): the child is a new
// start of this program, `<program> --dxassess-child-task <name> <handle>`, which main() hands to
// serve_child_task() before anything else. The task's input arrives on the child's standard input;
// its standard output and error go to one capture pipe; its result goes to the inherited <handle>
// with the same tags as on POSIX: 'R' what the task returned, 'X' an exception's message, 'M' an
// allocation failed at the memory limit, 'S' a crash (abort or an unhandled exception, named).
//
// The child runs suspended into a job object before its first instruction: the job kills it (and
// anything it started) when the host lets go of it, caps its memory, forbids further processes,
// and makes an unhandled exception end it at once instead of opening an error dialog.
#include "platform/child_process.hpp"
#include "platform/os.hpp"
#include "platform/windows_text.hpp"

#include <windows.h>
#include <fcntl.h>
#include <io.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <thread>

namespace dxassess::host {
namespace {

constexpr const char* child_flag = "--dxassess-child-task";

// --- In the child ---------------------------------------------------------------------------

HANDLE result_handle = INVALID_HANDLE_VALUE;

void write_all(HANDLE h, const char* data, std::size_t size) {
    while (size > 0) {
        DWORD written = 0;
        if (!::WriteFile(h, data, static_cast<DWORD>(std::min<std::size_t>(size, 1u << 20)), &written, nullptr) || written == 0) return;
        data += written;
        size -= written;
    }
}

void report(char tag, const std::string& payload) {
    std::fflush(nullptr);  // what the task printed reaches the capture pipe
    std::string msg(1, tag);
    msg += payload;
    write_all(result_handle, msg.data(), msg.size());
}

[[noreturn]] void report_and_exit(char tag, const std::string& payload) {
    report(tag, payload);
    std::_Exit(0);  // no atexit handlers, no destructors
}

std::string exception_name(DWORD code) {
    switch (code) {
        case EXCEPTION_ACCESS_VIOLATION: return "EXCEPTION_ACCESS_VIOLATION";
        case EXCEPTION_STACK_OVERFLOW: return "EXCEPTION_STACK_OVERFLOW";
        case EXCEPTION_INT_DIVIDE_BY_ZERO: return "EXCEPTION_INT_DIVIDE_BY_ZERO";
        case EXCEPTION_ILLEGAL_INSTRUCTION: return "EXCEPTION_ILLEGAL_INSTRUCTION";
        case EXCEPTION_PRIV_INSTRUCTION: return "EXCEPTION_PRIV_INSTRUCTION";
        case EXCEPTION_IN_PAGE_ERROR: return "EXCEPTION_IN_PAGE_ERROR";
        case 0xC0000374: return "STATUS_HEAP_CORRUPTION";
        case 0xC0000409: return "STATUS_STACK_BUFFER_OVERRUN";
        default: {
            char buf[32];
            std::snprintf(buf, sizeof buf, "exception 0x%08lX", static_cast<unsigned long>(code));
            return buf;
        }
    }
}

LONG WINAPI unhandled(EXCEPTION_POINTERS* info) {
    const DWORD code = info->ExceptionRecord->ExceptionCode;
    report('S', exception_name(code));
    ::TerminateProcess(::GetCurrentProcess(), code);
    return EXCEPTION_EXECUTE_HANDLER;
}

// abort() and raise(): the C runtime's signals, which would otherwise end the child with status 3.
void signalled(int sig) {
    report('S', sig == SIGABRT ? "SIGABRT" : sig == SIGSEGV ? "SIGSEGV" : sig == SIGFPE ? "SIGFPE" : sig == SIGILL ? "SIGILL" : "SIGTERM");
    ::TerminateProcess(::GetCurrentProcess(), 3);
}

void out_of_memory() { report_and_exit('M', {}); }

std::string read_standard_input() {
    const HANDLE in = ::GetStdHandle(STD_INPUT_HANDLE);
    std::string input;
    char buf[65536];
    DWORD n = 0;
    while (::ReadFile(in, buf, sizeof buf, &n, nullptr) && n > 0) input.append(buf, n);
    return input;
}

// --- In the parent --------------------------------------------------------------------------

using Clock = std::chrono::steady_clock;

struct Handle {
    HANDLE h = nullptr;
    Handle() = default;
    explicit Handle(HANDLE handle) : h(handle) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { close(); }
    void close() {
        if (h && h != INVALID_HANDLE_VALUE) ::CloseHandle(h);
        h = nullptr;
    }
};

/// A pipe whose one end the child inherits.
bool make_pipe(Handle& parent_end, Handle& child_end, bool child_reads) {
    SECURITY_ATTRIBUTES sa{sizeof sa, nullptr, TRUE};
    HANDLE r = nullptr, w = nullptr;
    if (!::CreatePipe(&r, &w, &sa, 0)) return false;
    parent_end.h = child_reads ? w : r;
    child_end.h = child_reads ? r : w;
    return ::SetHandleInformation(parent_end.h, HANDLE_FLAG_INHERIT, 0) != 0;
}

std::string quoted(const std::string& arg) {
    std::string out = "\"";
    for (char c : arg) {
        if (c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

ChildOutcome not_started(const std::string& step) { return {ChildEnd::not_started, {}, step + ": " + windows_error(::GetLastError()), {}, 0}; }

}  // namespace

std::optional<int> serve_child_task(int argc, char** argv, std::initializer_list<ChildTaskEntry> tasks) {
    if (argc != 4 || std::strcmp(argv[1], child_flag) != 0) return std::nullopt;
    result_handle = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(std::strtoull(argv[3], nullptr, 10)));
    ::SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    ::SetUnhandledExceptionFilter(unhandled);
    for (int sig : {SIGABRT, SIGSEGV, SIGFPE, SIGILL, SIGTERM}) std::signal(sig, signalled);
    // Output as written, as on POSIX: no "\r" added before each "\n".
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    std::set_new_handler(out_of_memory);
    for (const auto& task : tasks) {
        if (std::strcmp(task.name, argv[2]) != 0) continue;
        try {
            report_and_exit('R', task.run(read_standard_input()));
        } catch (const std::exception& e) {
            report_and_exit('X', e.what());
        } catch (...) {
            report_and_exit('X', {});
        }
    }
    report_and_exit('X', std::string("no child task named ") + argv[2]);
}

ChildOutcome run_in_child(const ChildTask& task, const ChildLimits& limits) {
    const std::string program = executable_path();
    if (program.empty()) return not_started("GetModuleFileNameW");
    Handle input_write, input_read, output_read, output_write, result_read, result_write;
    if (!make_pipe(input_write, input_read, true) || !make_pipe(output_read, output_write, false) ||
        !make_pipe(result_read, result_write, false))
        return not_started("CreatePipe");

    Handle job(::CreateJobObjectW(nullptr, nullptr));
    if (!job.h) return not_started("CreateJobObjectW");
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
    info.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION | JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
    info.BasicLimitInformation.ActiveProcessLimit = 1;  // the plugin may not start programs
    if (limits.memory_bytes > 0) {
        info.BasicLimitInformation.LimitFlags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY;
        info.ProcessMemoryLimit = static_cast<SIZE_T>(limits.memory_bytes);
    }
    if (!::SetInformationJobObject(job.h, JobObjectExtendedLimitInformation, &info, sizeof info)) return not_started("SetInformationJobObject");

    // Only the three pipe ends are inherited, even when other threads start processes meanwhile.
    HANDLE inherited[] = {input_read.h, output_write.h, result_write.h};
    SIZE_T size = 0;
    ::InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
    std::vector<char> attributes_buffer(size);
    auto* attributes = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(attributes_buffer.data());
    if (!::InitializeProcThreadAttributeList(attributes, 1, 0, &size) ||
        !::UpdateProcThreadAttribute(attributes, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited, sizeof inherited, nullptr, nullptr))
        return not_started("UpdateProcThreadAttribute");
    STARTUPINFOEXW startup{};
    startup.StartupInfo.cb = sizeof startup;
    startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    startup.StartupInfo.hStdInput = input_read.h;
    startup.StartupInfo.hStdOutput = output_write.h;
    startup.StartupInfo.hStdError = output_write.h;
    startup.lpAttributeList = attributes;

    std::wstring command = to_wide(quoted(program) + " " + child_flag + " " + task.name + " " +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(result_write.h)));
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    PROCESS_INFORMATION process{};
    const BOOL started = ::CreateProcessW(to_wide(program).c_str(), command.data(), nullptr, nullptr, TRUE,
                                          CREATE_SUSPENDED | CREATE_NO_WINDOW | EXTENDED_STARTUPINFO_PRESENT, nullptr, nullptr,
                                          &startup.StartupInfo, &process);
    ::DeleteProcThreadAttributeList(attributes);
    if (!started) return not_started("CreateProcessW");
    Handle process_handle(process.hProcess), thread_handle(process.hThread);
    if (!::AssignProcessToJobObject(job.h, process.hProcess)) {
        ChildOutcome out = not_started("AssignProcessToJobObject");
        ::TerminateProcess(process.hProcess, 1);
        return out;
    }
    ::ResumeThread(process.hThread);
    input_read.close();
    output_write.close();
    result_write.close();

    // One thread per pipe: Windows has no poll() on anonymous pipes.
    std::string result, captured;
    std::atomic<std::size_t> captured_total{0};
    std::thread writer([&] {
        write_all(input_write.h, task.input.data(), task.input.size());
        input_write.close();
    });
    std::thread result_reader([&] {
        char buf[65536];
        DWORD n = 0;
        while (::ReadFile(result_read.h, buf, sizeof buf, &n, nullptr) && n > 0) result.append(buf, n);
    });
    std::thread output_reader([&] {
        char buf[65536];
        DWORD n = 0;
        while (::ReadFile(output_read.h, buf, sizeof buf, &n, nullptr) && n > 0) {
            if (captured.size() < limits.output_bytes) captured.append(buf, std::min<std::size_t>(n, limits.output_bytes - captured.size()));
            captured_total += n;
        }
    });

    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.timeout_seconds));
    bool timed_out = false, flooded = false;
    for (;;) {
        if (::WaitForSingleObject(process.hProcess, 20) == WAIT_OBJECT_0) break;
        if (captured_total > limits.output_limit) {
            flooded = true;
            break;
        }
        if (Clock::now() >= deadline) {
            timed_out = true;
            break;
        }
    }
    ::TerminateJobObject(job.h, 1);  // the child, had it not ended, and anything it started
    ::WaitForSingleObject(process.hProcess, INFINITE);
    // With every writer gone, the readers see the ends of their pipes; the writer a broken pipe.
    writer.join();
    result_reader.join();
    output_reader.join();
    DWORD code = 0;
    ::GetExitCodeProcess(process.hProcess, &code);

    ChildOutcome out;
    out.captured = std::move(captured);
    out.captured_total = captured_total;
    if (timed_out || flooded) {
        out.end = timed_out ? ChildEnd::timed_out : ChildEnd::output_limit;
        return out;
    }
    const char tag = result.empty() ? '\0' : result[0];
    const std::string payload = result.empty() ? std::string() : result.substr(1);
    switch (tag) {
        case 'R': out.end = ChildEnd::finished; out.output = payload; break;
        case 'X': out.end = ChildEnd::threw; out.detail = payload; break;
        case 'M': out.end = ChildEnd::memory_limit; break;
        case 'S': out.end = ChildEnd::crashed; out.detail = payload; break;
        default:
            if (code >= 0xC0000000u) {  // an exception the filter could not report (a stack overflow)
                out.end = ChildEnd::crashed;
                out.detail = exception_name(code);
            } else {
                out.end = ChildEnd::exited_early;
                out.detail = std::to_string(code);
            }
            break;
    }
    return out;
}

}  // namespace dxassess::host
