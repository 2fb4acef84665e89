// Independent work on the calling thread and up to `threads - 1` more: start-up loads its rule
// sets this way, each a parse of its own file.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dxassess::host {

/// Calls work(i) once for each i in [0, count), in any order and on any of the threads. The first
/// exception is rethrown here once every thread has stopped; items not started by then are skipped.
template <class Work>
void parallel_for(std::size_t count, unsigned threads, Work&& work) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto run = [&] {
        for (std::size_t i; !stop && (i = next++) < count;) {
            try {
                work(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
        }
    };
    std::vector<std::thread> helpers;
    const std::size_t extra = std::min<std::size_t>(threads > 0 ? threads - 1 : 0, count > 0 ? count - 1 : 0);
    for (std::size_t t = 0; t < extra; ++t) helpers.emplace_back(run);
    run();
    for (auto& h : helpers) h.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace dxassess::host
