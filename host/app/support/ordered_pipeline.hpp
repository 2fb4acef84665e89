// Work on many items on worker threads (and on the calling thread while it waits), consumed in
// order on the calling thread, with memory bounded by a window of items in flight (collect: read
// and check reports in parallel, store them in order on the one thread that writes the database;
// batch: read and score answer sets, write the results in input order).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dxassess::host {

/// Items 0, 1, ... come from claim(i), called with the pipeline's lock held (so one at a time, in
/// order) until it returns false; work(i) then runs on the thread that claimed it — one of
/// `threads` workers, or the calling thread while it waits for its next item — never more than
/// `window` items ahead of the consumer, and consume(i) on the calling thread in order as each is
/// ready. claim, work and consume may use slot i % window of the caller's storage. The
/// first exception from any of them stops the rest and is rethrown here once the workers are done.
template <class Claim, class Work, class Consume>
void ordered_stream(std::size_t window, unsigned threads, Claim&& claim, Work&& work, Consume&& consume) {
    window = std::max<std::size_t>(window, 1);  // a window of n items for n = 0 still has a slot
    std::mutex m;
    std::condition_variable ready_cv;  // the consumer waits for item `consumed`
    std::condition_variable space_cv;  // workers wait for room in the window
    std::vector<char> ready(window, 0);
    std::size_t claimed = 0, consumed = 0, waiting_for_space = 0;
    bool ended = false, stop = false;  // ended: claim said there are no more items (`claimed` of them)
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
                space_cv.wait(lock, [&] { return stop || ended || claimed < consumed + window; });
                --waiting_for_space;
                if (stop || ended) return;
                i = claimed;
                bool more = false;
                try {
                    more = claim(i);
                } catch (...) {
                    lock.unlock();
                    fail(std::current_exception());
                    return;
                }
                if (!more) {
                    ended = true;
                    ready_cv.notify_one();
                    space_cv.notify_all();
                    return;
                }
                ++claimed;
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
        for (std::size_t i = 0;; ++i) {
            {
                std::unique_lock lock(m);
                // While its next item is not ready, this thread works on the next unclaimed one rather
                // than sleep: a consumer that slept and was woken for every item cost batch a tenth
                // of its time in the kernel.
                while (!stop && !ready[i % window] && !ended && claimed < consumed + window) {
                    const std::size_t j = claimed;
                    if (!claim(j)) {
                        ended = true;
                        space_cv.notify_all();
                        break;
                    }
                    ++claimed;
                    lock.unlock();
                    work(j);
                    lock.lock();
                    ready[j % window] = 1;
                }
                ready_cv.wait(lock, [&] { return stop || ready[i % window] || (ended && i >= claimed); });
                if (!ready[i % window]) break;  // the end, or a failure
            }
            consume(i);
            std::lock_guard lock(m);
            ready[i % window] = 0;
            ++consumed;
            // Wake waiting workers once an eighth of the window is free, not for every item: they then
            // fill it in one go instead of sleeping and waking once per item (batch on one scoring
            // thread), yet soon enough that they do not sit idle while this thread catches up (collect).
            const std::size_t batch = std::max<std::size_t>(1, window / 8);
            if (waiting_for_space && claimed - consumed <= window - batch) space_cv.notify_all();
        }
    } catch (...) {
        fail(std::current_exception());
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

/// ordered_stream over the items 0 .. n-1.
template <class Work, class Consume>
void ordered_pipeline(std::size_t n, std::size_t window, unsigned threads, Work&& work, Consume&& consume) {
    ordered_stream(window, threads, [n](std::size_t i) { return i < n; }, work, consume);
}

}  // namespace dxassess::host
