// A benchmark to compare against: national or peer-group mean levels per area (--benchmark FILE).
#pragma once

#include "dxassess/engine/text.hpp"

#include <map>
#include <string>
#include <vector>

namespace dxassess::engine {

struct Benchmark {
    std::string path;
    Text name;                              // e.g. 全国平均 / national mean
    int year = 0;                           // the year the figures describe
    std::string source;                     // where the figures come from
    std::map<std::string, double> levels;   // area -> mean level 0..5
};

/// Loads a benchmark file; every area must be one of `known_areas`. Throws InputError.
Benchmark load_benchmark(const std::string& path, const std::vector<std::string>& known_areas);

}  // namespace dxassess::engine
