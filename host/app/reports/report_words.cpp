#include "reports/report_words.hpp"

namespace dxassess::host {

namespace {
const Words ja = {"DX 成熟度評価レポート", "団体", "総合", "総合指数", "レベル", "スコア", "領域", "回答率",
                  "評価できませんでした", "指摘事項", "なし", "対応", "根拠", "次のレベルへの差分",
                  "未回答の質問があるため、次のレベルに達しているか判定できません。",
                  "最高レベルに達しています。", "未回答の質問", "必須", "判定に使った回答", "出所",
                  "一部の領域を評価できなかったため、総合指数はそれ以外の領域だけで計算しています。", "注意",
                  "プラグインからの指摘", "未評価の領域（プラグイン未導入・回答なし）", "目標", "比較対象", "現在",
                  "優先して取り組むこと", "重点取組事項ごとの成熟度レベル", "基準日", "重大度", "状況", "レベル {} に必要なこと"};
const Words en = {"DX maturity assessment report", "Municipality", "Overall", "Overall index", "Level", "Score", "Area",
                  "Answered", "Could not be scored", "Findings", "none", "Advice", "Source", "Gap to the next level",
                  "Some questions are unanswered, so the next level cannot be decided.",
                  "The highest level is reached.", "Unanswered questions", "required", "Answers that decided it",
                  "Provenance",
                  "Some areas could not be scored; the overall index covers the other areas only.", "Caveat",
                  "Notes from the plugin", "Areas not assessed (no plugin installed, no answers)", "Target", "Benchmark",
                  "Current", "Actions, most urgent first", "Maturity level per priority area", "as of", "Severity", "Status",
                  "To reach level {}"};
}  // namespace

const Words& words(engine::Lang lang) { return lang == engine::Lang::en ? en : ja; }

const char* severity_label(engine::Severity s, engine::Lang lang) {
    static const char* ja_names[] = {"高", "中", "低", "情報"};
    static const char* en_names[] = {"high", "medium", "low", "info"};
    return (lang == engine::Lang::en ? en_names : ja_names)[static_cast<int>(s)];
}

}  // namespace dxassess::host
