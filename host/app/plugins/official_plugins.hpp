// The official plugins: the file name, id, area and SHA-256 of each plugin built with dxassess,
// recorded by the build in <prefix>/lib/dxassess/official-plugins.json. A plugin file is official
// when its digest is listed there, wherever it lies; any other is foreign.
#pragma once

#include <string>
#include <vector>

namespace dxassess::host {

struct OfficialPlugin {
    std::string file;  // file name as built, e.g. dxassess_telework.so
    std::string id;
    std::string area;
    std::string sha256;
};

/// Reads the manifest; none when the file does not exist. Throws engine::InputError when it is
/// malformed or may have been changed by another user (see plugins/file_trust.hpp).
std::vector<OfficialPlugin> load_official_plugins(const std::string& manifest);

}  // namespace dxassess::host
