/**
 * The reader worker: reads a strategy's records from IndexedDB in a thread of its own and posts
 * them back as one JSON string (or packed for a snapshot), so that the page stays responsive while
 * a big strategy is read. What it does is read-workbook.ts's `answerRead`; each answer carries
 * its request's id.
 */
import { answerRead, type ReadRequest } from './read-workbook';

self.onmessage = async (e: MessageEvent<ReadRequest>) => {
  (self as unknown as Worker).postMessage(await answerRead(e.data));
};
