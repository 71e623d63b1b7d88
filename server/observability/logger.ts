// The process's pino logger: JSON lines on stdout, or pino-pretty in-process for a developer's terminal.
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { maskDeep, maskEmails } from './redact';

export type { Logger } from 'pino';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** `json`: one JSON object a line (production); `pretty`: coloured lines for people. */
  format: 'json' | 'pretty';
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/**
 * A logger whose every line has e-mails reduced to their domain and secret fields cut. pino-pretty runs
 * as a stream in this thread, not as a worker transport: a transport loads files by path at run time,
 * which the one-file server bundle (scripts/bundle-server.ts) does not have.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const destination =
    opts.format === 'pretty'
      ? pretty({ destination: opts.destination ?? 1, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : (opts.destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "info", not 30: what log shippers and people search for.
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskEmails(a) : maskDeep(a))) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing: the default of in-process apps in tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** A logger whose lines are collected in `lines` (parsed JSON), for tests. */
export function memoryLogger(level: LogLevel = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, format: 'json', destination }), lines };
}
