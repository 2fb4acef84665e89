// `dxassess diff OLD.json NEW.json [--format json]`.
#include "cli/commands.hpp"

#include "cli/command_support.hpp"
#include "reports/report_diff.hpp"
#include "reports/report_reader.hpp"
#include "support/exit_codes.hpp"

#include <iostream>

namespace dxassess::host {

using json = nlohmann::ordered_json;

int run_diff(const GlobalOptions& g, const std::string& old_path, const std::string& new_path, bool as_json) {
    return with_report_errors(g.lang, old_path + " / " + new_path, [&] {
        const json d = diff_reports(load_report(old_path), load_report(new_path), old_path, new_path);
        std::cout << (as_json ? d.dump(2) + "\n" : render_diff_text(d, g.lang == engine::Lang::en));
        return static_cast<int>(exit_ok);
    });
}


}  // namespace dxassess::host
