// Reference data (rules/reference.toml): the dated national figures, deadlines and "newest version"
// dates that rule sets and plugins compare a municipality with. They live in one data file so that
// the national office updates a figure by editing that file, with no rebuild; its SHA-256 goes into
// every report's provenance.
#pragma once

#include "dxassess/engine/diagnostics.hpp"
#include "dxassess/engine/text.hpp"
#include "dxassess/engine/value.hpp"

#include <map>
#include <string>
#include <vector>

namespace dxassess::engine {

/// One dated figure: what it is, its value, the day it describes and where it was published.
struct ReferenceFigure {
    std::string id;          // named in conditions as ref.<id>, in texts as {ref.<id>}
    Value value;             // integer, number (ratios 0..1), or date
    bool ratio = false;      // a share 0..1, shown as a percentage
    Text label;              // what the figure is
    Date as_of;              // the day (or month end) the figure describes
    std::string source;      // document with its version or date
    std::string url;         // where it is published, when it is online
    Text caveat;             // stated uncertainty, shown in report appendices
    Location where;
};

struct ReferenceData {
    std::string path;
    std::string version;     // the data release, e.g. "2026.12"
    Date updated;            // when the file was last reviewed
    std::vector<ReferenceFigure> figures;  // in file order

    const ReferenceFigure* find(const std::string& id) const;
    /// Every figure as a constant for conditions: "ref.<id>" -> value.
    std::map<std::string, Value, std::less<>> constants() const;
};

/// Loads and checks a reference file. Throws InputError listing every problem with file:line:column.
ReferenceData load_reference_data(const std::string& path);
/// Same, from text in memory (`path` names it in messages).
ReferenceData parse_reference_data(const std::string& text, const std::string& path);

/// A figure's value as written in report texts: a ratio as a percentage ("81.2%"), an integer with
/// thousands separators ("1,065"), a date as YYYY-MM-DD.
std::string reference_text(const ReferenceFigure& f);

/// Replaces every {ref.<id>} (the value) and {ref.<id>:as_of} (its date) in `text`. An unknown id
/// or a malformed placeholder is added to `problems` and left as written.
std::string expand_references(const std::string& text, const ReferenceData* data, std::vector<Text>& problems);

}  // namespace dxassess::engine
