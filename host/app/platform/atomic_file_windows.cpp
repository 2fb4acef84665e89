// Windows implementation of platform/atomic_file.hpp: CreateFileW (CREATE_NEW) with a random
// suffix, FlushFileBuffers, then MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH,
// which replaces the target in one step. An owner-only file gets an access list that lets only its
// owner in from the moment it is created.
#include "platform/atomic_file.hpp"
#include "platform/atomic_file_os.hpp"
#include "platform/temporary_names.hpp"
#include "platform/windows_text.hpp"

#include "dxassess/engine/file_path.hpp"

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>

namespace dxassess::host {
namespace {

std::string last_error() { return windows_error(::GetLastError()); }

std::string random_suffix() {
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device device;
    std::string s;
    for (int i = 0; i < 6; ++i) s += letters[device() % (sizeof letters - 1)];
    return s;
}

struct Handle {
    HANDLE h = INVALID_HANDLE_VALUE;
    ~Handle() {
        if (h != INVALID_HANDLE_VALUE) ::CloseHandle(h);
    }
};

/// Creates a new, empty file that only its owner may open. 0, or the Windows error.
DWORD create_owner_only(const std::string& temp) {
    SECURITY_ATTRIBUTES sa{sizeof sa, nullptr, FALSE};
    PSECURITY_DESCRIPTOR sd = nullptr;
    // D:P(A;;FA;;;OW): a protected access list (nothing inherited) giving the owner full access.
    if (!::ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;FA;;;OW)", SDDL_REVISION_1, &sd, nullptr)) return ::GetLastError();
    sa.lpSecurityDescriptor = sd;
    const HANDLE h = ::CreateFileW(to_wide(temp).c_str(), GENERIC_WRITE, 0, &sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    const DWORD error = h == INVALID_HANDLE_VALUE ? ::GetLastError() : 0;
    ::LocalFree(sd);
    if (h != INVALID_HANDLE_VALUE) ::CloseHandle(h);
    return error;
}

void write_and_flush(const std::string& temp, const std::string& target, const std::string* content) {
    Handle file{::CreateFileW(to_wide(temp).c_str(), GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr)};
    if (file.h == INVALID_HANDLE_VALUE) throw std::runtime_error(target + ": cannot open the temporary file: " + last_error());
    if (content) {
        std::size_t done = 0;
        while (done < content->size()) {
            const DWORD piece = static_cast<DWORD>(std::min<std::size_t>(content->size() - done, 1u << 30));
            DWORD written = 0;
            if (!::WriteFile(file.h, content->data() + done, piece, &written, nullptr) || written == 0)
                throw std::runtime_error(target + ": write failed: " + last_error());
            done += written;
        }
    }
    if (!::FlushFileBuffers(file.h)) throw std::runtime_error(target + ": flush failed: " + last_error());
}

/// Whether process `pid` has ended (or never was).
bool process_gone(std::uint64_t pid) {
    const HANDLE h = ::OpenProcess(SYNCHRONIZE, FALSE, static_cast<DWORD>(pid));
    if (!h) return ::GetLastError() == ERROR_INVALID_PARAMETER;
    const bool ended = ::WaitForSingleObject(h, 0) == WAIT_OBJECT_0;
    ::CloseHandle(h);
    return ended;
}

}  // namespace

void remove_stale_temporaries(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (fs::directory_iterator it(directory_of(path), ec), end; !ec && it != end; it.increment(ec)) {
        const std::uint64_t pid = writer_of(engine::path_text(it->path().filename()));
        if (pid == 0 || pid == ::GetCurrentProcessId() || !it->is_regular_file(ec)) continue;
        if (process_gone(pid)) ::DeleteFileW(it->path().c_str());
    }
}

AtomicBatch::~AtomicBatch() {
    for (const auto& t : temps_) ::DeleteFileW(to_wide(t).c_str());
}

std::string AtomicBatch::reserve(const std::string& path) {
    const std::string dir = engine::path_text(directory_of(path));
    if (std::find(cleaned_.begin(), cleaned_.end(), dir) == cleaned_.end()) {
        remove_stale_temporaries(path);
        cleaned_.push_back(dir);
    }
    for (int attempt = 0;; ++attempt) {
        const std::string temp = temporary_name(path, ::GetCurrentProcessId(), random_suffix());
        const DWORD error = create_owner_only(temp);  // a shared file is opened up in finish()
        if (error == 0) {
            temps_.push_back(temp);
            return temp;
        }
        if (error != ERROR_FILE_EXISTS || attempt > 100)
            throw std::runtime_error(path + ": cannot create a temporary file: " + windows_error(error));
    }
}

void AtomicBatch::finish(const std::string& temp, const std::string& path, FileAccess access) {
    // Created owner-only; a shared file takes the access list its directory gives new files.
    if (access == FileAccess::shared) {
        ACL empty{};
        ::InitializeAcl(&empty, sizeof empty, ACL_REVISION);
        if (::SetNamedSecurityInfoW(to_wide(temp).data(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | UNPROTECTED_DACL_SECURITY_INFORMATION,
                                    nullptr, nullptr, &empty, nullptr) != ERROR_SUCCESS)
            throw std::runtime_error(path + ": cannot set the file's access list");
    }
    write_and_flush(temp, path, nullptr);
    pending_.emplace_back(temp, path);
}

void AtomicBatch::add(const std::string& path, const std::string& content, FileAccess access) {
    const std::string temp = reserve(path);
    write_and_flush(temp, path, &content);
    finish(temp, path, access);
}

void replace_file(const std::string& temp, const std::string& target) {
    if (!::MoveFileExW(to_wide(temp).c_str(), to_wide(target).c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        throw std::runtime_error(target + ": rename failed: " + last_error());
}

}  // namespace dxassess::host
