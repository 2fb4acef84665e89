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
    std::string peer_group;                 // 類似団体区分 id whose means these are ("" = all governments)
    int n = 0;                              // governments in the peer group's means (0 = not stated)
};

/// Loads a benchmark file; every area must be one of `known_areas`. When `peer_group` is given and
/// the file has means for it (a [peer_groups.<id>] table, as `summary --benchmark-out` writes for
/// groups of three or more), those replace the overall means and the name says which group they
/// are. Throws InputError.
Benchmark load_benchmark(const std::string& path, const std::vector<std::string>& known_areas, const std::string& peer_group = "");

}  // namespace dxassess::engine
