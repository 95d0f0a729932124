/**
 * Whether this browser can keep a Blob in IndexedDB. Snapshots and the files this device sent are
 * kept as Blobs (snapshot-payload.ts, ExchangeRepository.recordSent). WebKit refuses Blobs in an
 * ephemeral session — Safari's private browsing on an iPad, and WebKitGTK's automation mode that the
 * WebKit test lane runs in — with "Error preparing Blob/File data to be stored in object store",
 * which failed every export and import there. Where Blobs cannot be stored, the same content is
 * kept as text: read back the same way, only without the Blob's savings.
 *
 * The answer comes from trying once, in a database of its own that is deleted again, when the app
 * starts (composition.ts); writers ask {@link storableBlob} or {@link blobsStorable}.
 */

const PROBE_DB = 'blob-storage-probe';

let known: boolean | undefined;
let probing: Promise<boolean> | undefined;

function tryBlob(factory: IDBFactory): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(PROBE_DB, 1);
    } catch {
      resolve(true); // no usable IndexedDB at all: nothing to decide here
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore('probe');
    request.onerror = () => resolve(true);
    request.onblocked = () => resolve(true);
    request.onsuccess = () => {
      const db = request.result;
      const finish = (ok: boolean) => {
        db.close();
        try {
          const deletion = factory.deleteDatabase(PROBE_DB);
          deletion.onsuccess = deletion.onerror = deletion.onblocked = () => resolve(ok);
        } catch {
          resolve(ok); // left for the next start
        }
      };
      try {
        const tx = db.transaction('probe', 'readwrite');
        tx.objectStore('probe').put(new Blob(['probe'], { type: 'text/plain' }), 'blob');
        tx.oncomplete = () => finish(true);
        tx.onerror = (e) => {
          e.preventDefault();
          finish(false);
        };
        tx.onabort = () => finish(false);
      } catch {
        finish(false);
      }
    };
  });
}

/** Finds out (once) whether Blobs can be stored; resolves true where there is no IndexedDB. */
export function probeBlobStorage(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<boolean> {
  if (known !== undefined) return Promise.resolve(known);
  if (!factory) return Promise.resolve(true);
  probing ??= tryBlob(factory).then((ok) => (known = ok));
  return probing;
}

/** What the probe found; true until it has answered (and where it never ran: tests in Node). */
export function blobsStorable(): boolean {
  return known !== false;
}

/** `blob` as this browser can store it: itself, or (where Blobs cannot be stored) its text. */
export async function storableBlob(blob: Blob): Promise<Blob | string> {
  return (await probeBlobStorage()) ? blob : blob.text();
}

/** The text of a value stored as a Blob or, where Blobs cannot be stored, as text. */
export function storedText(value: Blob | string): Promise<string> {
  return typeof value === 'string' ? Promise.resolve(value) : value.text();
}

/** For tests: forget the probe's answer, or set it. */
export function setBlobsStorableForTest(value: boolean | undefined): void {
  known = value;
  probing = undefined;
}
