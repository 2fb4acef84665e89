#include "reports/report_words.hpp"

namespace dxassess::host {

namespace {
const Words ja = {"DX 成熟度評価レポート", "団体", "総合", "総合指数", "レベル", "スコア", "領域", "回答率",
                  "評価できませんでした", "指摘事項", "なし", "対応", "根拠", "次のレベルへの差分",
                  "未回答の質問があるため、次のレベルに達しているか判定できません。",
                  "最高レベルに達しています。", "未回答の質問", "必須", "判定に使った回答", "出所",
                  "一部の領域を評価できなかったため、総合指数はそれ以外の領域だけで計算しています。", "注意",
                  "プラグインからの指摘", "目標", "比較対象", "現在",
                  "優先して取り組むこと", "重点取組事項ごとの成熟度レベル", "基準日", "重大度", "状況", "レベル {} に必要なこと",
                  "評価できません（回答不足）", "回答が必要な質問（必須）", "質問しなかった項目（前の回答により対象外）",
                  "該当なし", "付録: 該当なし・備考・根拠資料", "質問", "行", "備考", "根拠資料", "担当部署", "回答者",
                  "上のレベルで既に満たしている基準",
                  "レベルとスコアの見方",
                  "スコアは 0〜100 点です。レベル 1〜5 にそれぞれ 20 点を配分し、各レベルの基準のうち満たしたものの割合に応じて"
                  "加点します（上のレベルで進んでいる取組も点数に表れます）。該当なしの基準は数えません。レベルは、そのレベルと"
                  "下のすべてのレベルの基準を満たしたときに到達します。",
                  "平均到達レベル", "質問の対象外のため使わなかった回答",
                  "評価できた領域がないため、総合指数は算出できません。",
                  "総合指数は評価できた領域のスコアの加重平均、平均到達レベルはそのレベルの加重平均です（小数第 1 位）。",
                  "付録: 比較に使った全国値・期限", "項目", "値",
                  "全国値・期限は参照データ（reference.toml）のもので、時点と出典を示します。国の公表が更新されると値も変わります。",
                  "領域ごとの到達レベル", "レベルの意味", "優先して取り組むこと（上位 3 件）",
                  "各領域の詳細、未達の手続・業務、注意事項は次のページからの付録にあります。", "付録", "領域ごとの詳細",
                  "監査用の情報（使ったファイルのダイジェスト）", "年度"};
const Words en = {"DX maturity assessment report", "Municipality", "Overall", "Overall index", "Level", "Score", "Area",
                  "Answered", "Could not be scored", "Findings", "none", "Advice", "Source", "Gap to the next level",
                  "Some questions are unanswered, so the next level cannot be decided.",
                  "The highest level is reached.", "Unanswered questions", "required", "Answers that decided it",
                  "Provenance",
                  "Some areas could not be scored; the overall index covers the other areas only.", "Caveat",
                  "Notes from the plugin", "Target", "Benchmark",
                  "Current", "Actions, most urgent first", "Maturity level per priority area", "as of", "Severity", "Status",
                  "To reach level {}",
                  "Cannot be assessed (answers missing)", "Required questions to answer",
                  "Questions not asked (not applicable after earlier answers)", "Not applicable",
                  "Appendix: not-applicable answers, notes and evidence", "Question", "Row", "Note", "Evidence",
                  "Department", "Answered by", "Criteria already met at higher levels", "How to read levels and scores",
                  "Scores run from 0 to 100. Each of levels 1 to 5 is worth 20 points, earned in proportion to the share of "
                  "its criteria met (so work ahead of the current level shows). Not-applicable criteria are not counted. "
                  "A level is reached when its criteria and those of every level below it are met.",
                  "Mean level reached", "Answers not used (the question was not asked)",
                  "No area could be assessed, so there is no overall index.",
                  "The overall index is the weighted mean score of the areas assessed; the mean level reached is the "
                  "weighted mean of their levels (one decimal).",
                  "Appendix: national figures and deadlines compared with", "Figure", "Value",
                  "National figures and deadlines come from the reference data (reference.toml), with their dates and "
                  "sources; they change when the national releases are updated.",
                  "Level reached per area", "What the level means", "Most important actions (top 3)",
                  "Each area's details, the procedures and systems that fall short, and caveats follow in the appendix.",
                  "Appendix", "Details per area", "Audit information (digests of the files used)", "Fiscal year"};
}  // namespace

const Words& words(engine::Lang lang) { return lang == engine::Lang::en ? en : ja; }

const char* severity_label(engine::Severity s, engine::Lang lang) {
    static const char* ja_names[] = {"高", "中", "低", "情報"};
    static const char* en_names[] = {"high", "medium", "low", "info"};
    return (lang == engine::Lang::en ? en_names : ja_names)[static_cast<int>(s)];
}

}  // namespace dxassess::host
