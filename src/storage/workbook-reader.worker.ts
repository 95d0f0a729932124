/**
 * The reader worker: reads a strategy's records from IndexedDB in a thread of its own and posts
 * them back as one JSON string (or packed for a snapshot), so that the page stays responsive while
 * a big strategy is read. What it does is read-workbook.ts's `answerRead`, and for a head to keep
 * with the strategy compute-kept.ts's `answerKept`; each answer carries its request's id.
 */
import { answerRead, type ReadRequest } from './read-workbook';
import { answerKept, type KeptRequest } from './compute-kept';

self.onmessage = async (e: MessageEvent<ReadRequest | KeptRequest>) => {
  const req = e.data;
  (self as unknown as Worker).postMessage(req.part === 'head' ? await answerKept(req) : await answerRead(req));
};
