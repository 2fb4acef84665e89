// The answers template written by `dxassess init`: every question of every loaded area, with its
// text, type, allowed values, unit, help, skip condition and 該当なし reasons as comments, in the
// order a person answers them. Table questions come pre-filled with every known row.
#pragma once

#include "assessment/installation.hpp"

#include <string>

namespace dxassess::host {

struct TemplateStats {
    int questions = 0;  // questions the installation asks
    int added = 0;      // questions added to an existing file
    int retired = 0;    // answers to questions no longer asked, turned into comments
};

/// A new answers file.
std::string render_answers_template(const Installation& inst, TemplateStats& stats);

/// `text` (an existing answers file, `path` names it) with the questions it lacks inserted at the
/// end of their sections, and answers to questions the rules no longer ask commented out. Nothing
/// else changes: the user's comments, quoting, order and answers stay byte for byte. Throws
/// engine::InputError when the file is not valid TOML.
std::string add_new_questions(const Installation& inst, const std::string& text, const std::string& path, TemplateStats& stats);

}  // namespace dxassess::host
