// What every admin command shares: its shape, its context, its errors (→ exit codes) and input checking.
import type { Kysely } from 'kysely';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import type { FieldError } from '../../shared/errors';
import type { Database } from '../db/database';
import { zodFieldErrors } from '../http/problem';

export interface AdminIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

export interface CommandContext {
  db: Kysely<Database>;
  /** The operator, written into every audit entry. */
  actor: string;
  now: Date;
  readStdin(): Promise<string>;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/** What a command printed: `text` for people, `json` for scripts (`--json`). */
export interface CommandResult {
  text: string;
  json: unknown;
}

export interface AdminCommand {
  /** "account create" */
  name: string;
  /** The arguments after the name, e.g. "ID" or "--email EMAIL --name NAME". */
  synopsis: string;
  summary: string;
  /** One line per option, shown by --help. */
  details?: string;
  options?: OptionSpec;
  positionals: number;
  run(ctx: CommandContext, args: ParsedArgs): Promise<CommandResult>;
}

/** Exit 2: the command line itself is wrong. */
export class UsageError extends Error {}

/** Exit 2: the values are wrong; each error names the field (a flag, or a path in the import file). */
export class InvalidInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
  }
}

/** Exit 1: valid input, but it cannot be done (unknown id, e-mail taken, removing the holder…). */
export class CommandFailedError extends Error {}

/** "Required" for a missing value, instead of zod's "expected string, received undefined". */
export const PARSE_OPTIONS = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : undefined) };

export function validate<S extends z.ZodType>(schema: S, input: unknown, renamePath: (path: string) => string = (p) => p): z.output<S> {
  const result = schema.safeParse(input, PARSE_OPTIONS);
  if (result.success) return result.data;
  throw new InvalidInputError(zodFieldErrors(result.error).map((e) => ({ ...e, path: renamePath(e.path) })));
}

/** Sets `a.b.c` in a nested object, for building a schema's input from flags. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

export function stringValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A whole number from a flag, or a usage error naming the flag. */
export function integerFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = stringValue(args, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new InvalidInputError([{ path: `--${name}`, message: `A whole number, not "${raw}"` }]);
  return Number(raw);
}

/** Reads a password from standard input: the first line, without its line ending. */
export async function passwordFromStdin(ctx: CommandContext): Promise<string> {
  const text = await ctx.readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input is empty.');
  return password;
}
