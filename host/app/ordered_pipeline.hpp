// Work on many items on worker threads, consumed in order on the calling thread, with memory
// bounded by a window of items in flight (collect: read and check reports in parallel, store them
// in order on the one thread that writes the database).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dxassess::host {

/// Calls work(i) for i in [0, n) on `threads` worker threads, never more than `window` items ahead
/// of the consumer, and consume(i) on the calling thread in order 0, 1, ... as each is ready.
/// work(i) and consume(i) may use slot i % window of the caller's storage. The first exception
/// from either stops the rest and is rethrown here once the workers have finished.
template <class Work, class Consume>
void ordered_pipeline(std::size_t n, std::size_t window, unsigned threads, Work&& work, Consume&& consume) {
    std::mutex m;
    std::condition_variable ready_cv;  // the consumer waits for item `consumed`
    std::condition_variable space_cv;  // workers wait for room in the window
    std::vector<char> ready(window, 0);
    std::size_t claimed = 0, consumed = 0, waiting_for_space = 0;
    bool stop = false;
    std::exception_ptr failure;
    const auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(m);
        if (!failure) failure = e;
        stop = true;
        ready_cv.notify_all();
        space_cv.notify_all();
    };
    const auto worker = [&] {
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock lock(m);
                ++waiting_for_space;
                space_cv.wait(lock, [&] { return stop || claimed >= n || claimed < consumed + window; });
                --waiting_for_space;
                if (stop || claimed >= n) return;
                i = claimed++;
            }
            try {
                work(i);
            } catch (...) {
                fail(std::current_exception());
                return;
            }
            std::lock_guard lock(m);
            ready[i % window] = 1;
            if (i == consumed) ready_cv.notify_one();  // only the item the consumer waits for wakes it
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    try {
        for (std::size_t i = 0; i < n; ++i) {
            {
                std::unique_lock lock(m);
                ready_cv.wait(lock, [&] { return stop || ready[i % window]; });
                if (!ready[i % window]) break;  // a worker failed
            }
            consume(i);
            std::lock_guard lock(m);
            ready[i % window] = 0;
            ++consumed;
            if (waiting_for_space) space_cv.notify_one();
        }
    } catch (...) {
        fail(std::current_exception());
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace dxassess::host
