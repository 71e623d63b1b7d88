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
 * The zip of `receipts` then the CSV, as a Node readable of its bytes. Memory stays flat: a receipt is
 * rendered only once the previous one has left for the reader (the output's backpressure), so at most
 * one PDF plus the stream buffers are held, however many receipts the year has. PDFs are stored as they
 * are (already compressed inside; sizes and CRC in the local headers, which every unzip reads); the CSV
 * is deflated. Destroying the returned stream (a client that went away) stops the work after the
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
      zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), receipt.name, { compress: false, mtime: receipt.mtime });
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
