// The unit tests' main: first the child tasks a Windows child process is started for (the program's
// own, and test_child_process.cpp's), then Catch2.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "child_tasks.hpp"

#include "assessment/assessment.hpp"
#include "platform/child_process.hpp"
#include "plugins/plugin_registry.hpp"

int main(int argc, char** argv) {
    using namespace dxassess::host;
    namespace t = test::tasks;
    if (const auto status = serve_child_task(argc, argv,
                                             {{describe_task_name, describe_plugin_task},
                                              {score_task_name, score_plugin_task},
                                              {"echo", t::echo},
                                              {"exit-early", t::exit_early},
                                              {"throws", t::throws},
                                              {"allocate", t::allocate},
                                              {"aborts", t::aborts},
                                              {"sleeps", t::sleeps},
                                              {"prints", t::prints},
                                              {"floods", t::floods},
                                              {"confinement", t::confinement},
                                              {"signals-parent", t::signals_parent}}))
        return *status;
    return Catch::Session().run(argc, argv);
}
