// Internal: answers from a TOML table already parsed (used by the rule-test loader).
#pragma once

#include "dxassess/engine/answers.hpp"

#include "toml_support.hpp"

namespace dxassess::engine {

Answers answers_from_table(const toml::table& root, const std::string& path, const AnswerSchema& schema);

}  // namespace dxassess::engine
