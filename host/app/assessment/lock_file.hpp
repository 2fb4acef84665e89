// Lock files: the SHA-256 of every plugin, rule set, model and reference data that may load. The national office
// pins the official set with `dxassess plugins --lock FILE`; with a lock file configured, anything
// whose digest differs is refused.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace dxassess::host {

class Installation;

struct LockFile {
    std::string path;
    std::map<std::string, std::string> plugins;    // plugin id -> sha256
    std::map<std::string, std::string> rule_sets;  // area -> sha256
    std::string model;                             // sha256 of model.toml
    std::optional<std::string> reference;          // sha256 of reference.toml ("" = none); absent in older lock files
};

/// Reads a lock file. Throws engine::InputError naming the file and the place.
LockFile load_lock(const std::string& path);

/// The lock file of what an installation loads (JSON).
std::string render_lock(const Installation& inst);

}  // namespace dxassess::host
