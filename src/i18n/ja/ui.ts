/**
 * Japanese words of the screens that are not about one feature: the language setting, and the
 * punctuation that joins messages and data on screen (（）, ・, ：, 〜 …), which differs between
 * languages.
 */
export const ui = {
  'lang.label': '表示言語（Language）',
  'lang.hint': '画面の表示に使う言語です。データ（戦略名・事業名など）は入力したとおりに表示されます。',
  // Each language is named in its own words, so that anyone can find their own.
  'lang.ja': '日本語',
  'lang.en': 'English',

  'ui.unselected': '未選択',

  // The end of a long list that shows its first part only (ShowMore).
  'list.shownOf': '{total}件のうち{shown}件を表示しています',
  'list.showNext': 'さらに{n}件表示',
  'list.showAll': 'すべて表示（{total}件）',

  // A KPI value shown on the screens and reports (the grid's cells keep the form the parser reads).
  'value.status.collecting': '集計中',
  'value.status.notConducted': '未実施',
  'value.status.evaluatedElsewhere': '県全体で評価',
  'value.status.notApplicable': '該当なし',
  'value.approximate': '約{value}',
  'value.atLeast': '{value}以上',
  'value.atMost': '{value}以下',
  'value.over': '{value}超',
  'value.under': '{value}未満',
  'value.remark': '{value} ({remark})',
  'value.remarkOnly': '（{remark}）',
  'value.provisional': '{value} (速報値)',
  'value.statPeriod': '{value} [{period}]',

  'fmt.paren': '（{text}）',
  'fmt.join': '・',
  'fmt.sep': ' ・ ',
  'fmt.range': '{from}〜{to}',
  'fmt.spacedRange': '{from} 〜 {to}',
  'fmt.labelled': '{label}：{text}',
  'fmt.labelColon': '{label}：',
  'fmt.question': '{text}？',
  'fmt.bracket': '{text}［{note}］',
  'fmt.square': '［{text}］',
  'fmt.colon': '：',
  'fmt.crumb': '／',
} as const;
