/**
 * Handing a file to the person: the share sheet on tablets (Web Share with files), the save dialog
 * on desktop Chromium (File System Access), else a plain download.
 *
 * Which JSON files the share sheet takes differs by platform: iOS/iPadOS Safari shares any file
 * type; Chromium (Android, ChromeOS, Windows) shares only an allow-list of types that does not
 * include .json, so there canShare() says no and the app falls back to a download (the file lands
 * in Downloads, from where the mail app attaches it). We ask canShare() with the real file, so the
 * browser decides, not a guess of ours.
 */
export interface OutgoingFile {
  fileName: string;
  text: string;
  type: string;
}

function toFile(f: OutgoingFile): File {
  return new File([f.text], f.fileName, { type: f.type });
}

export function canShareFile(f: OutgoingFile): boolean {
  try {
    return typeof navigator.canShare === 'function' && navigator.canShare({ files: [toFile(f)] });
  } catch {
    return false;
  }
}

export function canSaveWithDialog(): boolean {
  return typeof (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker === 'function';
}

/** Opens the share sheet (with `text`, e.g. a mail's words, when given); resolves false when the person closed it without sharing. */
export async function shareFile(f: OutgoingFile, text?: string): Promise<boolean> {
  try {
    await navigator.share({ files: [toFile(f)], title: f.fileName, ...(text ? { text } : {}) });
    return true;
  } catch {
    return false;
  }
}

interface SaveFilePicker {
  showSaveFilePicker(opts: unknown): Promise<{ createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }> }>;
}

/** Asks where to save (desktop Chromium); resolves false when cancelled. */
export async function saveWithDialog(f: OutgoingFile): Promise<boolean> {
  try {
    const handle = await (window as unknown as SaveFilePicker).showSaveFilePicker({
      suggestedName: f.fileName,
      types: [{ description: 'JSON', accept: { 'application/json': ['.json'] } }],
    });
    const writable = await handle.createWritable();
    await writable.write(new Blob([f.text], { type: f.type }));
    await writable.close();
    return true;
  } catch {
    return false;
  }
}

export function downloadFile(f: OutgoingFile): void {
  downloadBlob(new Blob([f.text], { type: f.type }), f.fileName);
}

/** Saves `blob` through the browser's download (a temporary link, its URL released a minute later). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
