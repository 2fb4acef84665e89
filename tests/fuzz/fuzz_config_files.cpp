// The small files that decide what runs: the lock file (JSON), the settings file, model.toml and
// reference.toml. The first byte picks the loader; the rest is the file, read from a private
// scratch directory as the program reads it (trust checks included).
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

#include "assessment/lock_file.hpp"

#include "dxassess/engine/model.hpp"
#include "dxassess/engine/reference.hpp"
#include "dxassess/engine/settings.hpp"

using namespace dxassess;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static fuzz::ScratchFile lock("dxassess.lock"), settings("config.toml"), model("model.toml"), reference("reference.toml");
    const std::string text = fuzz::as_text(data + 1, size - 1);
    const std::string* path = nullptr;
    try {
        switch (data[0] % 4) {
            case 0: path = &lock.write(text); (void)host::load_lock(*path); break;
            case 1: {
                path = &settings.write(text);
                engine::Settings s;
                engine::load_settings(*path, s);
                break;
            }
            case 2: path = &model.write(text); (void)engine::load_model(*path); break;
            default: path = &reference.write(text); (void)engine::parse_reference_data(text, *path); break;
        }
    } catch (const engine::InputError& e) {
        fuzz::check_diagnostics(e, *path);
    }
    return 0;
}
