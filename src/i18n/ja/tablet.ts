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

  // The department's to-do list (入力してほしい項目) and its one-button return.
  'todo.nav': '入力してほしい項目',
  'todo.title': '入力してほしい項目',
  'todo.lead': '{departments}の{year}について、企画課が集めている項目です。ここで入力すれば事業のページにも入ります。',
  'todo.year': '年度',
  'todo.left': '残り',
  'todo.leftCount': '{n}件',
  'todo.ofTotal': '（全{total}件）',
  'todo.allDone': 'すべて入力しました。「返送する」で企画課に送ってください。',
  'todo.onlyLeft': '未入力の項目だけ表示',
  'todo.done': '入力済み',
  'todo.empty': '未入力',
  'todo.nothing': 'この年度に入力してほしい項目はありません。',
  'todo.progress': '進捗（実施内容・進捗状況・課題等）',
  'todo.actual': '{kpi}の実績値',
  'todo.reason': '{kpi}の未達理由',
  'todo.reasonWhy': '実績値が年度の目標に届いていません（{actual} ／ 目標 {target}）。理由を書いてください。',
  'todo.target': '{year}の目標: {target}',
  'todo.noTarget': '{year}の目標: なし',
  'todo.openProject': '事業のページで開く',
  'todo.returnTitle': '企画課に返送する',
  'todo.returnLead': '「返送する」を押すと返送用のファイルができ、共有（メール）の画面が開きます。共有できない端末ではダウンロードされます。',
  'todo.returnLeft': 'まだ{n}件が未入力です。このまま返送することもできます。',
  'todo.return': '返送する',
  'todo.returnTag': '返送',
  'todo.returning': 'ファイルを作っています…',
  'todo.shared': '「{fileName}」を共有しました。',
  'todo.downloaded': '「{fileName}」をダウンロードしました。メールに添付して企画課に送ってください。',
  'todo.shareCancelled': '共有を閉じました。もう一度「返送する」を押すか、ダウンロードしてください。',
  'todo.download': 'ダウンロード',
  'todo.failed': '返送用のファイルを作成できませんでした（{detail}）。',
  'todo.mailTitle': 'メールの文面（コピーして使えます）',
  'todo.mailSubject': '【返送】{strategy} {year}の実績等（{departments}）',
  'todo.mailBody':
    '企画課 ご担当者様\n\n{departments}です。{strategy}の{year}の実績値・進捗・未達理由を入力しましたので、ファイル「{fileName}」を添付して返送します。\nアプリの「ファイルを取り込む」で取り込んでください。{leftNote}\n\n{editor}',
  'todo.mailLeft': '\n（未入力の項目が{n}件あります）',
  'todo.copy': '文面をコピー',
  'todo.copied': 'コピーしました。',

  // The KPI chart: a tap shows a year's values (the tooltips need a mouse).
  'meeting.tools': '表示・操作',
  'meeting.years': '{name}の年度ごとの目標と実績',

  'chart.tapHint': 'グラフをタップすると、いちばん近い年度の目標と実績が表示されます。',
  'chart.picked': '目標 {target} ／ 実績 {actual}',

  // Safari on iPad/iPhone, not installed: the home-screen guide.
  'install.title': '「ホーム画面に追加」してください',
  'install.reason': 'iPad・iPhoneのSafariは、7日間開かなかったサイトのデータ（このアプリに入力した内容も）を消すことがあります。ホーム画面に追加したアプリは消されません。',
  'install.step1': '画面上部の共有ボタン（□に↑）を押します。',
  'install.step2': '「ホーム画面に追加」を選び、「追加」を押します。',
  'install.step3': '次からはホーム画面のアイコンから開いてください。',
  'install.dismiss': '閉じる（次から表示しない）',

  // Planning's 返送状況 (which department has sent its file back).
  'returns.title': '返送状況',
  'returns.lead': '担当課ごとに、ファイルを送った日時と、返送されたファイルを取り込んだ日時です。',
  'returns.department': '担当課',
  'returns.sent': '送付',
  'returns.returned': '返送',
  'returns.state': '状況',
  'returns.state.notSent': '未送付',
  'returns.state.waiting': '返送待ち',
  'returns.state.returned': '返送済み',
  'returns.none': '—',
  'returns.picked': '{departments}からの返送ファイルです（{stamp}）。',
  'returns.pickedAnswer': '{sent}に送ったファイルへの返送です。',
  // The drafted 検証結果まとめ, shown first in the evaluation, editable until a person accepts it.
  'summaryDraft.badge': '下書き',
  'summaryDraft.label': '検証結果まとめ（下書き）',
  'summaryDraft.lead': '実施内容・KPIの実績・未達理由・今後の方針から作成しました。直してから「確定する」を押すと検証結果まとめになります。',
  'summaryDraft.leadUpdate': '数値や評価が変わったため、以前に確定した下書きを更新できます。',
  'summaryDraft.accept': 'この内容で確定する',
  'summaryDraft.reset': '作成し直す',
} as const;
