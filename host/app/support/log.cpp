#include "support/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace dxassess::host::log {
namespace {
std::shared_ptr<spdlog::logger>& logger() {
    static std::shared_ptr<spdlog::logger> l = [] {
        auto lg = spdlog::stderr_color_mt("dxassess");  // plugins may log from several threads (batch)
        lg->set_pattern("dxassess: %^%l%$: %v");
        lg->set_level(spdlog::level::warn);
        return lg;
    }();
    return l;
}
}  // namespace

void init(bool verbose) { logger()->set_level(verbose ? spdlog::level::debug : spdlog::level::warn); }

void write(Level level, const std::string& message) {
    switch (level) {
        case Level::debug: logger()->debug(message); break;
        case Level::info: logger()->info(message); break;
        case Level::warn: logger()->warn(message); break;
        case Level::error: logger()->error(message); break;
    }
}

}  // namespace dxassess::host::log
