// The process's one PDF render queue: one render at a time, the event loop served between renders (CWE-400).
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * pdfkit lays a document out synchronously on the event loop (~10 ms a receipt). Without a queue, 40
 * zips of one holder interleave their renders back to back and every other request waits behind them
 * (/health took 11 s). Here renders run one after another, and before each one the loop gets a full
 * turn (`setImmediate`: after the poll phase), so requests that arrived meanwhile are read and answered
 * between two PDFs. Every PDF producer goes through it because `renderBillingPdf` does.
 */
export class RenderQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  private waiting = 0;
  /** For tests and the bench: the most renders ever seen running at once (1 when the queue works). */
  peak = 0;
  completed = 0;

  /** Runs `render` when every render queued before it is done, after one turn of the event loop. */
  run<T>(render: () => Promise<T>): Promise<T> {
    this.waiting++;
    const turn = this.tail.then(async () => {
      await nextTurn();
      this.waiting--;
      this.running++;
      this.peak = Math.max(this.peak, this.running);
      try {
        return await render();
      } finally {
        this.running--;
        this.completed++;
      }
    });
    // The next render waits for this one whatever its outcome.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  get load() {
    return { running: this.running, waiting: this.waiting, peak: this.peak, completed: this.completed };
  }
}

/** The process's one queue, used by renderBillingPdf (the PDF routes, the receipts pack, mail attachments). */
export const renderQueue = new RenderQueue();
