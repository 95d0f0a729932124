/** English messages of the safety screens (keys of ../ja/safety.ts). */
import type { safety as ja } from '../ja/safety';

export const safety: Record<keyof typeof ja, string> = {
  // What the save indicator's detail line says (save.errorDetail wraps it).
  'safety.saveError.quota': 'The device is out of storage space. Details: {detail}',
  'safety.saveError.connection': 'The connection to the database was lost. Details: {detail}',
  'safety.saveError.outdated': 'This tab runs an older version and does not save. What you typed is kept on this device and saved after a reload.',
  'safety.saveError.held': 'This page is the new version and saves once the update is accepted. What you typed is kept on this device.',
  'safety.saveError.other': 'A problem occurred while saving. Details: {detail}',

  // The report under the header when saving failed.
  'safety.problem.quotaTitle': 'The device is out of storage space',
  'safety.problem.quotaBody':
    'Nothing you entered is lost. It is kept on this device for now and is saved as soon as there is space. Free up space in one of the ways below, then press "Save again".',
  'safety.problem.connectionTitle': 'The connection to the database was lost',
  'safety.problem.connectionBody':
    'A tablet may close the connection when the app has not been used for a while. Nothing you entered is lost. Press "Save again", or reopen the app.',
  'safety.problem.unsaved': 'Entries not saved yet: {count}',
  'safety.problem.retry': 'Save again',
  'safety.problem.retryFailed': 'Still cannot save. Free up space and try again.',
  'storageFull.usage': 'The app now uses {usage} (the most it may use here is about {quota}).',
  'storageFull.quotaUnknown': 'unknown',
  'storageFull.usageUnknown': 'This device does not tell how much storage is used.',
  'storageFull.snapshots': 'Automatic snapshots take {count} of it, about {size}.',
  'storageFull.step.snapshots': 'Delete old automatic snapshots (the newest of each strategy is kept). This is the easiest way and does not change any strategy.',
  'storageFull.deleteSnapshots': 'Delete {count} old snapshots (about {size})',
  'storageFull.noOldSnapshots': 'There are no old snapshots to delete.',
  'storageFull.snapshotsDeleted': 'Deleted {count} old snapshots (about {size}).',
  'storageFull.step.export': 'If that is not enough, export a strategy you will not use for a while (a backup) and remove it from this device.',
  'storageFull.step.remove':
    '"Remove from this device" deletes the strategy with its snapshots and frees the room. Importing the exported file brings it back. Deleting unneeded photos or apps on the device also frees room.',
  'storageFull.lastExport': 'Last exported: {at}',
  'storageFull.neverExported': 'Never exported',
  'storageFull.export': 'Export a backup',
  'storageFull.remove': 'Remove from this device',
  'storageFull.removeQuestion': 'Remove "{name}" and its snapshots from this device? Without an exported file it cannot be brought back.',
  'storageFull.removeConfirm': 'Remove',
  'storageFull.strategyRemoved': 'Removed "{name}" from this device.',
  'storageFull.failed': 'Could not free room ({detail}).',
  'storageFull.title': 'The device storage is full',
  'storageFull.importFailed': 'The file could not be imported: the device storage is full. The data is as it was before the import. Free some room below, then import it again.',
  'safety.problem.openSettings': 'Open Settings',

  // The backup reminder banner.
  'safety.backup.label': 'Backup reminder',
  'safety.backup.changes': 'There have been {changes} changes since the last export to a file.',
  'safety.backup.changesNever': 'This strategy has never been exported to a file ({changes} changes).',
  'safety.backup.days': 'It has been {days} days since the last export to a file ({changes} changes).',
  'safety.backup.daysNever': 'This strategy has not been exported to a file for {days} days ({changes} changes).',
  'safety.backup.why': 'The data exists only on this device. Export it in case the device fails or the data is erased.',
  'safety.backup.export': 'Export to a file',
  'safety.backup.later': 'Later',

  // The notice when the browser's storage came back empty.
  'safety.loss.title': 'The saved strategies cannot be found',
  'safety.loss.lead': 'As of {when}, this browser held the following strategies, but its storage is now empty.',
  'safety.loss.causes': 'Possible causes',
  'safety.loss.cause.eviction':
    'The device ran low on space and the browser deleted the site’s data (this can happen when persistent storage is not granted).',
  'safety.loss.cause.notPersisted': 'At that time, persistent storage was not granted to the app.',
  'safety.loss.cause.safari7': 'Safari may delete the data of a site not added to the Home Screen when it has not been used for 7 days.',
  'safety.loss.cause.safariApp':
    'A page opened in a Safari tab and the app added to the Home Screen keep their data apart. Check that you opened the app the usual way (opened the usual way, the data may still be there).',
  'safety.loss.cause.cleared': 'The browser’s history or site data (cookies etc.) was cleared.',
  'safety.loss.wayBack': 'How to recover: import the last exported file with "Import a file".',
  'safety.loss.lastFile': '{strategy}: the last exported file is "{file}" ({when}).',
  'safety.loss.noFile':
    'There is no record of a file exported from this device. Check whether the data remains on another device, or in a file sent by email.',
  'safety.loss.import': 'Import a file',
  'safety.loss.dismiss': 'Close this notice',

  // Settings: automatic snapshots.
  'safety.snapshots.title': 'Automatic snapshots',
  'safety.snapshots.lead':
    'The state of your work is saved automatically on this device (at the first save 10 minutes or more after the previous snapshot, or every 50 saves). The latest 10 are kept, and the last one of each of the past 7 days. Use them to go back to an earlier state.',
  'safety.snapshots.notBackup': 'Snapshots are on the same device, so they do not protect against device failure or erased data. Export to a file as well.',
  'safety.snapshots.strategy': 'Strategy',
  'safety.snapshots.deletedStrategy': '{name} (deleted)',
  'safety.snapshots.none': 'This strategy has no snapshots yet.',
  'safety.snapshots.takeNow': 'Save the current state',
  'safety.snapshots.taken': 'The current state was saved.',
  'safety.snapshots.reason.auto': 'Automatic',
  'safety.snapshots.reason.import': 'Before import',
  'safety.snapshots.reason.beforeRestore': 'Before restore',
  'safety.snapshots.counts': 'Basic goals {goals} · Projects {projects} · KPIs {kpis} · Yearly records {years}',
  'safety.snapshots.restore': 'Go back to this point',
  'safety.snapshots.restoreQuestion': 'Restore "{strategy}" to its state at {when}? The current state is kept as a "Before restore" snapshot.',
  'safety.snapshots.restoreConfirm': 'Restore',
  'safety.snapshots.cancel': 'Cancel',
  'safety.snapshots.restored': 'Restored to the state at {when}.',
  'safety.snapshots.undoRestore': 'Undo the restore',
  'safety.snapshots.undone': 'The restore was undone; the state before it is back.',
  'safety.snapshots.delete': 'Delete',
  'safety.snapshots.deleteQuestion': 'Delete this snapshot ({when})?',
  'safety.snapshots.deleteConfirm': 'Delete',
  'safety.snapshots.failed': 'That did not work. {detail}',
  'safety.snapshots.loading': 'Loading…',

  // Settings: backups.
  'safety.backupInfo.title': 'Export to a file (backup)',
  'safety.backupInfo.lead':
    'The data exists only in this browser on this device. Files saved with "Export to a file" for each strategy are the only way to recover when the device fails or is lost, or the data is erased.',
  'safety.backupInfo.last': 'Last export: {when} ({file})',
  'safety.backupInfo.never': 'Not exported yet',
  'safety.backupInfo.export': 'Export',

  // Settings: storage.
  'safety.storage.marker': 'So that a loss of data can be noticed, the names of the saved strategies are also noted in another place in the browser (localStorage).',
};
