/** A file given to the app from outside the import screen (dropped on the window, opened with the installed app). */
export class PendingFile {
  file = $state.raw<File | null>(null);

  take(): File | null {
    const f = this.file;
    this.file = null;
    return f;
  }
}
