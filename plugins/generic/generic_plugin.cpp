// The generic plugin: scores any rule set whose [area] plugin names it, with no area-specific code
// and no derived facts. A vendor whose area needs only its questions ships a rule set alone.
#include <dxassess/plugin.hpp>

namespace {

struct Generic {
    static constexpr dxassess::Info info{"jp.dxassess.generic", "1.0.0", DXA_GENERIC_AREA, "汎用（ルールのみの領域）",
                                         "Generic (areas defined by rules alone)"};
    static constexpr bool concurrent = true;  // derive and the functions keep no state between calls
    void derive(dxassess::Context&) {}
};

}  // namespace

DXASSESS_PLUGIN(Generic)
