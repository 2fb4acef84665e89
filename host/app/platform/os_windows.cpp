// Windows implementation of platform/os.hpp. Paths and text are UTF-8 inside the program and are
// converted to UTF-16 at each Windows call (platform/windows_text.hpp).
#include "platform/os.hpp"
#include "platform/windows_text.hpp"

#include "dxassess/engine/file_path.hpp"

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
#include <shellapi.h>

#include <cstdio>
#include <cwchar>
#include <fcntl.h>
#include <io.h>
#include <filesystem>
#include <memory>

namespace dxassess::host {

std::vector<std::string> utf8_arguments(int argc, char** argv) {
    int count = 0;
    const std::unique_ptr<LPWSTR, decltype(&::LocalFree)> wide(::CommandLineToArgvW(::GetCommandLineW(), &count), &::LocalFree);
    if (!wide || count != argc) return {argv, argv + argc};
    std::vector<std::string> args;
    for (int i = 0; i < count; ++i) args.push_back(to_utf8(wide.get()[i]));
    return args;
}

void prepare_console() {
    ::SetConsoleOutputCP(CP_UTF8);
    ::SetConsoleCP(CP_UTF8);
    // "\n" as written, as on POSIX: reports piped to a file or another program read the same.
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
}

std::FILE* open_file(const std::string& path, const char* mode) { return ::_wfopen(to_wide(path).c_str(), to_wide(mode).c_str()); }

namespace {

/// `wide` in the ANSI code page, or "" when some character has no equivalent there.
std::string in_ansi_code_page(const std::wstring& wide) {
    BOOL lossy = FALSE;
    const int n = ::WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, wide.c_str(), -1, nullptr, 0, nullptr, &lossy);
    if (n <= 0 || lossy) return {};
    std::string out(static_cast<std::size_t>(n), '\0');
    ::WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, wide.c_str(), -1, out.data(), n, nullptr, &lossy);
    out.resize(static_cast<std::size_t>(n - 1));
    return lossy ? std::string() : out;
}

}  // namespace

std::string path_for_c_library(const std::string& path) {
    const std::wstring wide = to_wide(path);
    if (std::string ansi = in_ansi_code_page(wide); !ansi.empty()) return ansi;
    std::wstring short_name(32768, L'\0');
    const DWORD n = ::GetShortPathNameW(wide.c_str(), short_name.data(), static_cast<DWORD>(short_name.size()));
    if (n > 0 && n < short_name.size()) {
        short_name.resize(n);
        if (std::string ansi = in_ansi_code_page(short_name); !ansi.empty()) return ansi;
    }
    return path;  // the library's own error then names the file
}

bool open_with_default_application(const std::string& path) {
    // Values above 32 mean success (ShellExecute's documented convention).
    return reinterpret_cast<INT_PTR>(::ShellExecuteW(nullptr, L"open", to_wide(path).c_str(), nullptr, nullptr, SW_SHOWNORMAL)) > 32;
}

std::string executable_path() {
    std::wstring buf(32768, L'\0');
    const DWORD n = ::GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
    if (n == 0 || n >= buf.size()) return {};
    buf.resize(n);
    return to_utf8(buf);
}

char path_list_separator() { return ';'; }

bool is_terminal(StandardStream stream) {
    DWORD mode = 0;
    return ::GetConsoleMode(::GetStdHandle(stream == StandardStream::output ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE), &mode) != 0;
}

std::tm local_time(std::time_t t) {
    std::tm tm{};
    ::localtime_s(&tm, &t);
    return tm;
}

std::tm utc_time(std::time_t t) {
    std::tm tm{};
    ::gmtime_s(&tm, &t);
    return tm;
}

namespace {

struct LocalFreeDeleter {
    void operator()(void* p) const { ::LocalFree(p); }
};

/// Accounts that may own and change what the program trusts: the system itself, administrators,
/// TrustedInstaller, and the user running it.
bool trusted_account(PSID sid, PSID me) {
    if (!sid || !::IsValidSid(sid)) return false;
    if (me && ::EqualSid(sid, me)) return true;
    for (const auto kind : {WinLocalSystemSid, WinBuiltinAdministratorsSid, WinCreatorOwnerSid})
        if (::IsWellKnownSid(sid, kind)) return true;
    // NT SERVICE\TrustedInstaller, which owns Windows' own folders.
    wchar_t* text = nullptr;
    if (::ConvertSidToStringSidW(sid, &text)) {
        const std::unique_ptr<void, LocalFreeDeleter> owned(text);
        if (std::wcscmp(text, L"S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464") == 0) return true;
    }
    return false;
}

std::string account_name(PSID sid) {
    wchar_t name[256], domain[256];
    DWORD name_size = 256, domain_size = 256;
    SID_NAME_USE use;
    if (::LookupAccountSidW(nullptr, sid, name, &name_size, domain, &domain_size, &use))
        return domain_size ? to_utf8(domain) + "\\" + to_utf8(name) : to_utf8(name);
    wchar_t* text = nullptr;
    if (!::ConvertSidToStringSidW(sid, &text)) return "?";
    const std::unique_ptr<void, LocalFreeDeleter> owned(text);
    return to_utf8(text);
}

std::string sid_text(PSID sid) {
    wchar_t* text = nullptr;
    if (!::ConvertSidToStringSidW(sid, &text)) return {};
    const std::unique_ptr<void, LocalFreeDeleter> owned(text);
    return to_utf8(text);
}

/// The current user's SID, in `buffer`.
PSID current_user(std::vector<char>& buffer) {
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token)) return nullptr;
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    buffer.resize(size);
    const bool ok = size && ::GetTokenInformation(token, TokenUser, buffer.data(), size, &size);
    ::CloseHandle(token);
    return ok ? reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid : nullptr;
}

// Rights that let someone change a file, or replace or add entries in a directory. Adding a folder
// (FILE_ADD_SUBDIRECTORY), as Users may at C:\, replaces nothing.
constexpr ACCESS_MASK file_changing = FILE_WRITE_DATA | FILE_APPEND_DATA | WRITE_DAC | WRITE_OWNER | DELETE | GENERIC_WRITE | GENERIC_ALL;
constexpr ACCESS_MASK directory_changing = FILE_ADD_FILE | FILE_DELETE_CHILD | WRITE_DAC | WRITE_OWNER | DELETE | GENERIC_WRITE | GENERIC_ALL;

/// Under Wine, Unix directories appear with access lists made from their mode bits, without the
/// sticky bit: /tmp looks writable by Everyone. The POSIX check exempts sticky directories, since no
/// one can replace another's entry in them; under Wine the FHS's sticky directories are exempted the
/// same way. (On Windows itself this never applies.)
bool wine_sticky_directory(const std::filesystem::path& p) {
    static const bool wine = [] {
        const HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
        return ntdll && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
    }();
    if (!wine) return false;
    const std::wstring text = p.wstring();
    return _wcsicmp(text.c_str(), L"Z:\\tmp") == 0 || _wcsicmp(text.c_str(), L"Z:\\var\\tmp") == 0;
}

}  // namespace

std::optional<TrustProblem> trust_problem(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path real = fs::canonical(engine::file_path(path), ec);
    if (ec) return std::nullopt;
    std::vector<char> me_buffer;
    const PSID me = current_user(me_buffer);
    for (fs::path p = real;; p = p.parent_path()) {
        PSID owner = nullptr;
        PACL dacl = nullptr;
        PSECURITY_DESCRIPTOR sd = nullptr;
        if (::GetNamedSecurityInfoW(p.c_str(), SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner, nullptr,
                                    &dacl, nullptr, &sd) != ERROR_SUCCESS)
            return std::nullopt;
        const std::unique_ptr<void, LocalFreeDeleter> owned(sd);
        const std::string shown = engine::path_text(p);
        const bool directory = fs::is_directory(p, ec);
        TrustProblem problem{shown, {}, {}, false, {}};
        if (!trusted_account(owner, me)) {
            problem.owner = account_name(owner);
            problem.fix = "icacls \"" + shown + "\" /setowner Administrators";
            return problem;
        }
        // No access list at all means everyone may do anything.
        if (!dacl) {
            problem.writable = true;
            problem.writer = "Everyone";
            problem.fix = "icacls \"" + shown + "\" /inheritance:r /grant:r Administrators:F";
            return problem;
        }
        if (wine_sticky_directory(p)) continue;
        const ACCESS_MASK changing = directory ? directory_changing : file_changing;
        for (DWORD i = 0; i < dacl->AceCount; ++i) {
            ACE_HEADER* header = nullptr;
            if (!::GetAce(dacl, i, reinterpret_cast<void**>(&header)) || header->AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
            if (header->AceFlags & INHERIT_ONLY_ACE) continue;  // applies to what is created inside, not to this
            const auto* ace = reinterpret_cast<ACCESS_ALLOWED_ACE*>(header);
            PSID sid = const_cast<DWORD*>(&ace->SidStart);
            if ((ace->Mask & changing) == 0 || trusted_account(sid, me)) continue;
            problem.writable = true;
            problem.writer = account_name(sid);
            problem.fix = "icacls \"" + shown + "\" /remove:g *" + sid_text(sid);
            return problem;
        }
        if (!p.has_relative_path() || p.parent_path() == p) return std::nullopt;
    }
}

// No privileges are dropped on Windows: the child reads the file by its own name.
HeldFile::HeldFile(const std::string& path) : path_(path) {}

HeldFile::~HeldFile() = default;

void advise_will_read(const std::string&) {}  // Windows reads ahead on sequential access by itself

}  // namespace dxassess::host
