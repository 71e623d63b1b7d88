// The yearly pack as a zip stream (yazl): one receipt PDF in memory at a time, paced by the reader (issue 14).
import { type PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/** A receipt to put in the pack: its entry name, date, and how to render it when its turn comes. */
export interface PackReceipt {
  name: string;
  mtime: Date;
  render: () => Promise<Uint8Array>;
}

export interface PackInput {
  /** Read lazily, one at a time, as the reader takes the bytes. */
  receipts: AsyncIterable<PackReceipt>;
  /** The year's CSV, last in the pack, as text chunks read lazily too. */
  csv: { name: string; mtime: Date; chunks: AsyncIterable<string> };
}

/** Resolves once `out` has room again (its reader took what was written), or once it is closed. */
function roomIn(out: PassThrough) {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Adds one entry and resolves once yazl has read all of its bytes (or the output is gone). Lazy on
 * purpose: yazl keeps every entry until the central directory is written, and an `addBuffer` entry
 * keeps its buffer with it (1,000 receipts held 24 MB to the end); here the entry holds the bytes only
 * until yazl takes them.
 */
function addConsumed(zip: ZipFile, out: PassThrough, name: string, mtime: Date, bytes: Uint8Array) {
  // Only `pending` may be seen by the closures below (which yazl keeps): were `bytes` named in one, the
  // closure's scope would keep the PDF alive as long as yazl keeps the entry.
  let pending: Uint8Array | null = bytes;
  return new Promise<void>((resolve) => {
    const done = () => {
      out.off('close', done);
      resolve();
    };
    out.on('close', done);
    zip.addReadStreamLazy(name, { mtime }, (give) => {
      const stream = Readable.from([Buffer.from(pending!.buffer, pending!.byteOffset, pending!.byteLength)], { objectMode: false });
      pending = null;
      stream.once('end', done);
      give(null, stream);
    });
  });
}

/**
 * The zip of `receipts` then the CSV, as a Node readable of its bytes. Memory stays flat: a receipt is
 * rendered only once the previous one has left for the reader (the output's backpressure), so at most
 * one PDF plus the stream buffers are held, however many receipts the year has. Entries are deflated,
 * with sizes and CRC in data descriptors and the central directory (the usual form of a streamed zip). Destroying the returned stream (a client that went away) stops the work after the
 * receipt being rendered, and ends the readers of `receipts` and of the CSV (their `return()` runs).
 * A failure while rendering or reading destroys the stream with that error: the reader sees a broken
 * download, never a zip that looks whole but lacks receipts.
 */
export function receiptsZip(input: PackInput): Readable {
  const zip = new ZipFile();
  // Typed as NodeJS.ReadableStream by @types/yazl; it is the PassThrough yazl creates.
  const out = zip.outputStream as PassThrough;
  // `destroyed` is true as soon as destroy() is called; 'close' comes a tick later, after renders that
  // resolve at once could have run the whole year.
  const gone = () => out.destroyed;
  zip.on('error', (err: Error) => out.destroy(err));

  async function produce() {
    for await (const receipt of input.receipts) {
      if (gone()) return;
      const bytes = await receipt.render();
      if (gone()) return;
      await addConsumed(zip, out, receipt.name, receipt.mtime, bytes);
      await roomIn(out);
    }
    if (gone()) return;
    const csv = Readable.from(
      (async function* () {
        for await (const chunk of input.csv.chunks) yield Buffer.from(chunk, 'utf8');
      })(),
    );
    csv.on('error', (err) => out.destroy(err));
    out.once('close', () => csv.destroy());
    zip.addReadStream(csv, input.csv.name, { mtime: input.csv.mtime });
    zip.end();
  }
  produce().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
