#include "cli/command_support.hpp"

#include "platform/os.hpp"
#include "support/exit_codes.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dxassess::host {

int input_error(const engine::InputError& e, engine::Lang lang) {
    std::cerr << e.format(lang) << "\n";
    return exit_input;
}

int with_report_errors(engine::Lang lang, const std::string& files, const std::function<int()>& f) {
    try {
        return f();
    } catch (const engine::InputError& e) {
        return input_error(e, lang);
    } catch (const nlohmann::json::exception& e) {
        std::cerr << files << (lang == engine::Lang::en ? ": not a valid dxassess report: " : ": dxassess のレポートとして読めません: ") << e.what() << "\n";
    }
    return exit_input;
}

void open_written(const std::string& path, engine::Lang lang) {
    if (!open_with_default_application(path))
        std::cerr << "dxassess: " << path << tr(lang, ": 開くプログラムを起動できませんでした", ": no program could be started to open it") << "\n";
}

}  // namespace dxassess::host
