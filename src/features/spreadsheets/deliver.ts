/**
 * Handing an exported spreadsheet to the person. CSV is text and goes through the app's own
 * src/pwa/deliver-file.ts; an .xlsx file is binary (a Blob), which that module's text files do not
 * carry, so the same two ways — the share sheet where the browser takes the file (iPad), else a
 * download — are done here for a Blob.
 */
import { canShareFile, downloadBlob, downloadFile, shareFile } from '../../pwa/deliver-file';

export type SheetFile = { fileName: string; type: string } & ({ text: string; blob?: undefined } | { blob: Blob; text?: undefined });

const asFile = (f: SheetFile) => new File([f.blob ?? f.text ?? ''], f.fileName, { type: f.type });

export function canShareSheet(f: SheetFile): boolean {
  if (f.text !== undefined) return canShareFile({ fileName: f.fileName, text: f.text, type: f.type });
  try {
    return typeof navigator.canShare === 'function' && navigator.canShare({ files: [asFile(f)] });
  } catch {
    return false;
  }
}

/** Opens the share sheet; false when the person closed it. */
export async function shareSheet(f: SheetFile): Promise<boolean> {
  if (f.text !== undefined) return shareFile({ fileName: f.fileName, text: f.text, type: f.type });
  try {
    await navigator.share({ files: [asFile(f)], title: f.fileName });
    return true;
  } catch {
    return false;
  }
}

export function downloadSheet(f: SheetFile): void {
  if (f.text !== undefined) {
    downloadFile({ fileName: f.fileName, text: f.text, type: f.type });
    return;
  }
  downloadBlob(f.blob, f.fileName);
}
