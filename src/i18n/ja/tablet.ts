/**
 * Japanese words of the tablet screens: the verdict beside a rank and its legend, the ways back,
 * the department's to-do list and 返送, and planning's 返送状況.
 */
export const tablet = {
  // The legend of ranks and verdicts (VerdictLegend).
  'legend.title': '判定の見方',
  'legend.ranks': 'ランク（{scheme}）',
  'legend.verdicts': '判定',
  'legend.achieved': '年度の目標に届いた',
  'legend.notAchieved': '年度の目標に届かなかった',
  'legend.pending': '実績値が未入力・集計中のため、まだ判定できない',
  'legend.excluded': '県全体で評価する等、この市の判定に含めない',

  // Ways back on screens without the outline (installed app: no browser back button).
  'back.toStrategy': '← 戦略に戻る',
  'back.toList': '← 一覧に戻る',
  'back.toProject': '← 事業に戻る',
  'nav.importFile': 'ファイルを取り込む',
} as const;
