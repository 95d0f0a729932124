/** Japanese messages of the safety screens. */
export const safety = {
  // What the save indicator's detail line says (save.errorDetail wraps it).
  'safety.saveError.quota': '端末の保存容量が不足しています。詳細: {detail}',
  'safety.saveError.connection': 'データベースとの接続が切れました。詳細: {detail}',
  'safety.saveError.outdated': 'このタブは古いバージョンのため保存していません。入力中の内容はこの端末に控えてあり、再読み込みすると保存されます。',
  'safety.saveError.held': 'このページは新しいバージョンで、更新を確定するまで保存しません。入力中の内容はこの端末に控えてあります。',
  'safety.saveError.other': '保存中に問題が起きました。詳細: {detail}',

  // The report under the header when saving failed.
  'safety.problem.quotaTitle': '端末の保存容量が足りません',
  'safety.problem.quotaBody':
    '入力した内容は消えていません。この端末に一時保存してあり、容量が空けば保存されます。下の方法で容量を空けてから、「もう一度保存する」を押してください。',
  'safety.problem.connectionTitle': 'データベースとの接続が切れました',
  'safety.problem.connectionBody':
    'アプリをしばらく使わずにいると、タブレットが接続を切ることがあります。入力した内容は消えていません。「もう一度保存する」を押すか、アプリを開き直してください。',
  'safety.problem.unsaved': 'まだ保存されていない入力: {count}件',
  'safety.problem.retry': 'もう一度保存する',
  'safety.problem.retryFailed': 'まだ保存できません。容量を空けてから、もう一度お試しください。',
  'safety.problem.openSettings': '設定を開く',

  // What to do when the device is full (StorageFullHelp).
  'storageFull.usage': 'このアプリはいま {usage} を使っています（このアプリが使える上限の目安は {quota}）。',
  'storageFull.quotaUnknown': '不明',
  'storageFull.usageUnknown': 'この端末では使用量を調べられません。',
  'storageFull.snapshots': 'そのうち自動スナップショットは{count}件・約{size}です。',
  'storageFull.step.snapshots': '古い自動スナップショットを削除します（各戦略の最新の1件は残します）。いちばん手軽で、戦略のデータは変わりません。',
  'storageFull.deleteSnapshots': '古いスナップショット{count}件（約{size}）を削除する',
  'storageFull.noOldSnapshots': '削除できる古いスナップショットはありません。',
  'storageFull.snapshotsDeleted': '古いスナップショットを{count}件（約{size}）削除しました。',
  'storageFull.step.export': 'それでも足りないときは、しばらく使わない戦略をファイルに書き出して（バックアップ）、この端末から削除します。',
  'storageFull.step.remove':
    '「この端末から削除」は、戦略をスナップショットごと消して容量を空けます。書き出したファイルを「ファイルを取り込む」で読めば元に戻せます。端末の不要な写真やアプリを削除して空けることもできます。',
  'storageFull.lastExport': '最後の書き出し: {at}',
  'storageFull.neverExported': 'まだ書き出していません',
  'storageFull.export': 'バックアップを書き出す',
  'storageFull.remove': 'この端末から削除',
  'storageFull.removeQuestion': '「{name}」をスナップショットごとこの端末から削除します。書き出したファイルがなければ元に戻せません。削除しますか？',
  'storageFull.removeConfirm': '削除する',
  'storageFull.strategyRemoved': '「{name}」をこの端末から削除しました。',
  'storageFull.failed': '容量を空けられませんでした。（{detail}）',
  'storageFull.title': '端末の保存容量がいっぱいです',
  'storageFull.importFailed': 'ファイルを取り込めませんでした。端末の保存容量が足りません。データは取り込み前のままです。下の方法で容量を空けてから、もう一度取り込んでください。',

  // The backup reminder banner.
  'safety.backup.label': 'バックアップのおすすめ',
  'safety.backup.changes': '前回ファイルに書き出してから{changes}件の変更があります。',
  'safety.backup.changesNever': 'この戦略はまだファイルに書き出していません（変更{changes}件）。',
  'safety.backup.days': '前回ファイルに書き出してから{days}日たっています（変更{changes}件）。',
  'safety.backup.daysNever': 'この戦略は{days}日間ファイルに書き出していません（変更{changes}件）。',
  'safety.backup.why': 'データはこの端末の中にしかありません。故障や消去に備えて書き出しておきましょう。',
  'safety.backup.export': 'ファイルに書き出す',
  'safety.backup.later': 'あとで',

  // The notice when the browser's storage came back empty.
  'safety.loss.title': '保存されていた戦略が見つかりません',
  'safety.loss.lead': 'このブラウザには{when}の時点で次の戦略が保存されていましたが、いまは保存場所が空になっています。',
  'safety.loss.causes': '考えられる原因',
  'safety.loss.cause.eviction':
    '端末の空き容量が少なくなり、ブラウザがサイトのデータを削除した（「永続保存」が許可されていないと起こることがあります）。',
  'safety.loss.cause.notPersisted': 'このときのアプリには、永続保存が許可されていませんでした。',
  'safety.loss.cause.safari7': 'Safari では、ホーム画面に追加していないサイトのデータが、7日間使わないと削除されることがあります。',
  'safety.loss.cause.safariApp':
    'Safari のタブで開いたページと、ホーム画面に追加したアプリは、保存場所が別々です。いつもと違う方法で開いていないか確かめてください（いつもの方法で開けば、データが残っていることがあります）。',
  'safety.loss.cause.cleared': 'ブラウザの履歴やサイトデータ（Cookie など）を消去した。',
  'safety.loss.wayBack': '元に戻す方法: 最後に書き出したファイルを「ファイルを取り込む」で取り込んでください。',
  'safety.loss.lastFile': '{strategy}: 最後に書き出したファイルは「{file}」（{when}）です。',
  'safety.loss.noFile':
    'この端末から書き出したファイルの記録はありません。ほかの端末に残っているデータや、メールで送ったファイルがないか確かめてください。',
  'safety.loss.import': 'ファイルを取り込む',
  'safety.loss.dismiss': 'この案内を閉じる',

  // Settings: automatic snapshots.
  'safety.snapshots.title': '自動スナップショット',
  'safety.snapshots.lead':
    '編集の途中経過を、この端末の中に自動で保存しています（前回から10分以上たって最初に保存したとき、または50回保存するごと）。直近の10件と、過去7日間の各日の最後の1件を残します。前の状態に戻したいときに使います。',
  'safety.snapshots.notBackup': 'スナップショットも同じ端末の中にあるため、端末の故障やデータ消去には備えられません。ファイルへの書き出しも行ってください。',
  'safety.snapshots.strategy': '戦略',
  'safety.snapshots.deletedStrategy': '{name}（削除済み）',
  'safety.snapshots.none': 'この戦略のスナップショットはまだありません。',
  'safety.snapshots.takeNow': 'いまの状態を保存する',
  'safety.snapshots.taken': 'いまの状態を保存しました。',
  'safety.snapshots.reason.auto': '自動',
  'safety.snapshots.reason.import': '取り込みの前',
  'safety.snapshots.reason.beforeRestore': '復元の前',
  'safety.snapshots.counts': '基本目標{goals}・事業{projects}・KPI{kpis}・年度の記録{years}',
  'safety.snapshots.restore': 'この時点に戻す',
  'safety.snapshots.restoreQuestion': '「{strategy}」を{when}の状態に戻します。いまの状態は「復元の前」のスナップショットとして残ります。',
  'safety.snapshots.restoreConfirm': '戻す',
  'safety.snapshots.cancel': 'やめる',
  'safety.snapshots.restored': '{when}の状態に戻しました。',
  'safety.snapshots.undoRestore': '復元を元に戻す',
  'safety.snapshots.undone': '復元を取り消し、復元する前の状態に戻しました。',
  'safety.snapshots.delete': '削除',
  'safety.snapshots.deleteQuestion': 'このスナップショット（{when}）を削除します。',
  'safety.snapshots.deleteConfirm': '削除する',
  'safety.snapshots.failed': 'できませんでした。{detail}',
  'safety.snapshots.loading': '読み込み中…',

  // Settings: backups.
  'safety.backupInfo.title': 'ファイルへの書き出し（バックアップ）',
  'safety.backupInfo.lead':
    'データはこの端末のこのブラウザの中にしかありません。戦略ごとに「ファイルに書き出す」で保存したファイルが、端末の故障・紛失やデータ消去のときの唯一の戻し方です。',
  'safety.backupInfo.last': '最後の書き出し: {when}（{file}）',
  'safety.backupInfo.never': 'まだ書き出していません',
  'safety.backupInfo.export': '書き出す',

  // Settings: storage.
  'safety.storage.marker': 'データの消失に気づけるよう、保存している戦略の名前をブラウザの別の場所（localStorage）にも控えています。',
} as const;
