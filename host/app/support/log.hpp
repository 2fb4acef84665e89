// Host logging. spdlog stays behind this header (compiled in log.cpp only).
#pragma once

#include <string>

namespace dxassess::host::log {

enum class Level { debug, info, warn, error };

/// Logs go to stderr; `verbose` shows debug lines, otherwise warnings and errors only.
void init(bool verbose);
void write(Level level, const std::string& message);

inline void debug(const std::string& m) { write(Level::debug, m); }
inline void info(const std::string& m) { write(Level::info, m); }
inline void warn(const std::string& m) { write(Level::warn, m); }
inline void error(const std::string& m) { write(Level::error, m); }

}  // namespace dxassess::host::log
