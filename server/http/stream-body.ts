// A Node readable as a web ReadableStream body for Hono, pulled only as fast as the socket drains.
import type { Readable } from 'node:stream';

/**
 * `source` as a ReadableStream that reads one chunk per `pull`. @hono/node-server writes such a body with
 * `writeFromReadableStream`: it reads the next chunk only after the socket accepted the previous one
 * (waiting for 'drain'), and cancels the reader when the socket closes or errors (honojs/node-server
 * #144, #293). Cancelling destroys `source`, so whatever produces it sees 'close' and stops. A `source`
 * error errors the stream: node-server then destroys the socket, and the client sees a broken download.
 */
export function webStreamOf(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
      },
      async cancel() {
        source.destroy();
        await chunks.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
