/**
 * The spreadsheet worker: reads an imported file and plans the import in a thread of its own, so
 * that a 100,000-row sheet never blocks the page (src/sheets/session.ts does the work).
 */
import { SheetSession, type SheetRequest } from '../../sheets/session';

const session = new SheetSession();
self.onmessage = (e: MessageEvent<SheetRequest>) => {
  void session.answer(e.data, (a) => (self as unknown as Worker).postMessage(a));
};
