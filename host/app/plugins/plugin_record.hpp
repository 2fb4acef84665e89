// What the host knows of one plugin file: where it is, whether it loaded (or why it was refused),
// and what it declares. Reports name the plugin that scored each area from this record.
#pragma once

#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/text.hpp"
#include "dxassess/plugin.h"

#include <map>
#include <string>

namespace dxassess::host {

struct PluginRecord {
    std::string file;
    std::string sha256;                      // of the shared library file
    bool official = false;                   // its digest is in the installed manifest of official plugins
    bool loaded = false;
    engine::Text reason;                     // why it was refused
    std::string id;
    std::string version;
    std::string area;
    engine::Text name;
    unsigned abi_major = 0;
    unsigned abi_minor = 0;
    bool concurrent = false;                 // DXA_PLUGIN_CONCURRENT: may be called from several threads
    // Set for official plugins only, loaded in this process. A foreign plugin is described by a child
    // process (the fields above are its copy) and only ever opened again in a child.
    const dxa_plugin_descriptor* descriptor = nullptr;
    std::string description;                 // what it said it is when vetted (JSON), to check it again in a child
    engine::PluginSymbols symbols;           // facts and functions, as the rule language sees them
    std::map<std::string, dxa_type> fact_types;
    std::map<std::string, engine::Text> fact_labels;
};

}  // namespace dxassess::host
