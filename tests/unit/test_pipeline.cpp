// ordered_pipeline: parallel work, consumed in order, bounded memory, failures stop the run.
#include "test_support.hpp"

#include "support/ordered_pipeline.hpp"

#include <atomic>
#include <thread>
#include <stdexcept>

using dxassess::host::ordered_pipeline;

TEST_CASE("items are consumed in order, never more than the window ahead", "[pipeline]") {
    constexpr std::size_t n = 2000, window = 8;
    std::vector<std::size_t> slots(window);
    std::atomic<std::size_t> consumed{0};
    std::atomic<bool> too_far{false};
    std::vector<std::size_t> order;
    ordered_pipeline(n, window, 2,
        [&](std::size_t i) {
            if (i >= consumed + window) too_far = true;  // its slot would still hold an unconsumed item
            slots[i % window] = i * i;
        },
        [&](std::size_t i) {
            order.push_back(slots[i % window]);
            ++consumed;
        });
    REQUIRE(order.size() == n);
    for (std::size_t i = 0; i < n; ++i) CHECK(order[i] == i * i);
    CHECK_FALSE(too_far);
}

TEST_CASE("the calling thread works while its next item is not ready", "[pipeline]") {
    // With no worker at all, only the calling thread can do the work: in order, within the window.
    constexpr std::size_t n = 500, window = 4;
    const auto caller = std::this_thread::get_id();
    std::vector<std::size_t> slots(window), order;
    bool elsewhere = false;
    ordered_pipeline(n, window, 0,
        [&](std::size_t i) {
            elsewhere |= std::this_thread::get_id() != caller;
            slots[i % window] = i + 1;
        },
        [&](std::size_t i) { order.push_back(slots[i % window]); });
    REQUIRE(order.size() == n);
    for (std::size_t i = 0; i < n; ++i) CHECK(order[i] == i + 1);
    CHECK_FALSE(elsewhere);
    // A failure in work done on the calling thread stops the run like any other.
    CHECK_THROWS_WITH(ordered_pipeline(n, window, 0,
                                       [](std::size_t i) {
                                           if (i == 7) throw std::runtime_error("work failed at 7");
                                       },
                                       [](std::size_t) {}),
                      "work failed at 7");
}

TEST_CASE("a failure in work or consume stops the run and is rethrown", "[pipeline]") {
    std::atomic<std::size_t> worked{0};
    CHECK_THROWS_WITH(ordered_pipeline(100000, 4, 2,
                                       [&](std::size_t i) {
                                           ++worked;
                                           if (i == 50) throw std::runtime_error("work failed at 50");
                                       },
                                       [](std::size_t) {}),
                      "work failed at 50");
    CHECK(worked < 1000);  // stopped, not run to the end
    std::size_t consumed = 0;
    CHECK_THROWS_WITH(ordered_pipeline(100000, 4, 2, [](std::size_t) {},
                                       [&](std::size_t i) {
                                           if (i == 10) throw std::runtime_error("consume failed at 10");
                                           ++consumed;
                                       }),
                      "consume failed at 10");
    CHECK(consumed == 10);
    ordered_pipeline(0, 4, 2, [](std::size_t) { FAIL("no items"); }, [](std::size_t) { FAIL("no items"); });
    ordered_pipeline(0, 0, 0, [](std::size_t) { FAIL("no items"); }, [](std::size_t) { FAIL("no items"); });  // a window of all 0 items
}
