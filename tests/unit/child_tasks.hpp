// The child tasks of the unit tests (test_child_process.cpp), listed in test_main.cpp so that a
// Windows child, a new start of the test program, can find them by name.
#pragma once

#include <string>

namespace test::tasks {

std::string echo(const std::string& input);
std::string exit_early(const std::string&);
std::string throws(const std::string&);
std::string allocate(const std::string&);
std::string aborts(const std::string&);
std::string sleeps(const std::string&);
std::string prints(const std::string&);
std::string floods(const std::string&);
std::string confinement(const std::string&);
std::string signals_parent(const std::string&);

}  // namespace test::tasks
