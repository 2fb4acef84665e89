// `dxassess explain REPORT.json [--area X]`.
#include "cli/commands.hpp"

#include "cli/command_support.hpp"
#include "reports/report_explain.hpp"
#include "reports/report_reader.hpp"
#include "support/exit_codes.hpp"

#include "dxassess/engine/diagnostics.hpp"

#include <algorithm>
#include <iostream>

namespace dxassess::host {

using json = nlohmann::ordered_json;

int run_explain(const GlobalOptions& g, const std::string& path, const std::string& area) {
    const bool en = g.lang == engine::Lang::en;
    return with_report_errors(g.lang, path, [&] {
        const json r = load_report(path);
        std::vector<std::string> ids;
        for (const auto& a : field(r, "areas")) ids.push_back(a.value("id", ""));
        if (!area.empty() && std::find(ids.begin(), ids.end(), area) == ids.end()) {
            const engine::Text hint = engine::did_you_mean(area, ids);
            std::cerr << path << ": " << (en ? "no area '" + area + "' in the report" + hint.en : "レポートに領域 '" + area + "' はありません" + hint.ja)
                      << "\n";
            return static_cast<int>(exit_input);
        }
        for (const auto& a : field(r, "areas"))
            if (area.empty() || a.value("id", "") == area) std::cout << explain_area(a, r.contains("reference_figures") ? field(r, "reference_figures") : nlohmann::ordered_json::array(), en);
        return static_cast<int>(exit_ok);
    });
}


}  // namespace dxassess::host
