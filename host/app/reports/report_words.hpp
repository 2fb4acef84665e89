// The fixed words of the reports, in Japanese and English (shared by every report writer).
#pragma once

#include "dxassess/engine/rule_set.hpp"
#include "dxassess/engine/text.hpp"

namespace dxassess::host {

struct Words {
    const char* title;
    const char* municipality;
    const char* overall;
    const char* index;
    const char* level;
    const char* score;
    const char* area;
    const char* completeness;
    const char* not_scored;
    const char* findings;
    const char* none;
    const char* advice;
    const char* source;
    const char* gap;
    const char* gap_blocked;
    const char* top_level;
    const char* unanswered;
    const char* required;
    const char* answers;
    const char* provenance;
    const char* incomplete;
    const char* caveat;
    const char* diagnostics;
    const char* target;
    const char* benchmark;
    const char* current;
    const char* actions;
    const char* radar_title;
    const char* as_of;
    const char* severity;
    const char* status;
    const char* to_reach;
    // Answering as municipalities answer (schema 1.1): completeness, skip logic, 該当なし, notes.
    const char* area_incomplete;
    const char* missing_required;
    const char* skipped;
    const char* not_applicable;
    const char* appendix;
    const char* question;
    const char* row;
    const char* note;
    const char* evidence;
    const char* owner;
    const char* answered_by;
    const char* done_above;
    const char* scale;
    const char* score_meaning;
    const char* mean_level;
    const char* ignored;
    const char* no_overall;
    const char* overall_meaning;
    // Reference data (schema 1.2): the dated national figures and deadlines the rules compared with.
    const char* reference_figures;
    const char* figure;
    const char* value;
    const char* reference_note;
    // The council's one-page summary, then the appendix.
    const char* summary_levels;  // caption of the summary's table of areas
    const char* meaning;
    const char* top_actions;
    const char* see_appendix;
    const char* appendix_part;
    const char* area_details;
    const char* audit;
    const char* fiscal_year;
};

const Words& words(engine::Lang lang);

/// 高 / 中 / 低 / 情報 or high / medium / low / info.
const char* severity_label(engine::Severity s, engine::Lang lang);

}  // namespace dxassess::host
