// What a plugin says it is, as plain data: read from its descriptor (checking every pointer, count
// and string), checked as a whole, and copied between processes. A foreign plugin's descriptor is
// read in a child process only; the host receives this copy (as JSON) and checks it again.
#pragma once

#include "plugins/plugin_record.hpp"

#include "dxassess/engine/text.hpp"
#include "dxassess/plugin.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dxassess::host {

struct PluginDescription {
    struct Fact {
        std::string name;
        int type = 0;  // dxa_type
        std::string label_ja, label_en;
    };
    struct Function {
        std::string name;
        int result = 0;  // dxa_type
        std::vector<int> params;
    };
    unsigned abi_major = 0, abi_minor = 0;
    std::string id, version, area, name_ja, name_en;
    bool concurrent = false;
    std::vector<Fact> facts;
    std::vector<Function> functions;
};

/// Reads a descriptor into plain data; why it is refused otherwise (NULL, sizes, ABI, counts, strings
/// that are too long or not UTF-8). Dereferences foreign memory: run it in a child unless the plugin is official.
std::optional<engine::Text> read_descriptor(const dxa_plugin_descriptor* d, PluginDescription& out);

/// Checks a description (names, types, duplicates) and fills the record's identity and symbols; why
/// it is refused otherwise. Safe anywhere: it reads only the copy.
std::optional<engine::Text> apply_description(const PluginDescription& d, PluginRecord& r);

std::string description_to_json(const PluginDescription& d);
/// Nothing when `json` is not a description (a child that was tampered with).
std::optional<PluginDescription> description_from_json(const std::string& json);

}  // namespace dxassess::host
