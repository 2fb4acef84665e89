// The answers template written by `dxassess init`: every question of every loaded area, with its
// text, type, allowed values, unit and help as comments, in the order a person answers them.
#pragma once

#include "assessment/installation.hpp"

#include "dxassess/engine/answers.hpp"

#include <string>

namespace dxassess::host {

struct TemplateStats {
    int questions = 0;
    int kept = 0;  // answers carried over from the existing file
};

/// Renders the template; answers already in `existing` are written as answers, never lost.
std::string render_answers_template(const Installation& inst, const engine::AnswerLiterals& existing, TemplateStats& stats);

}  // namespace dxassess::host
