// `npm run admin -- <command>`: dispatches to the admin commands, prints help, text or --json, maps errors to exit codes.
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { accountCommands } from './account.commands';
import { type AdminCommand, type AdminIo, CommandFailedError, InvalidInputError, UsageError } from './admin-command';
import { importCommand } from './import.command';
import { memberCommands } from './member.commands';
import { personCommands } from './person.commands';
import { staffCommands } from './staff.commands';
import { subscriptionCommands } from './subscription.commands';
import { forbiddenArgument } from '../terminal/arguments';
import { terminalJson, terminalLines } from '../terminal/terminal-text';
import { FORBIDDEN_CHARACTER_MESSAGE } from '../../shared/fields';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const COMMANDS: AdminCommand[] = [
  ...accountCommands, ...personCommands, ...memberCommands, ...staffCommands, ...subscriptionCommands, importCommand,
];

const GLOBAL_HELP = `  --json           machine-readable output on stdout (errors as JSON on stderr); use with npm run -s
  --actor NAME     the operator written to the audit log (default: the OS user)
  --help           this help`;

const line = (c: AdminCommand) => `  ${`${c.name} ${c.synopsis}`.trim()}\n      ${c.summary}`;

export function adminUsage(group?: string): string {
  const shown = COMMANDS.filter((c) => !group || c.name.split(' ')[0] === group);
  return `Usage: npm run admin -- <command> [options]\n${shown.map(line).join('\n')}\nOptions of every command:\n${GLOBAL_HELP}`;
}

const commandHelp = (c: AdminCommand) =>
  `Usage: npm run admin -- ${c.name} ${c.synopsis}\n${c.summary}\n${c.details ? `${c.details}\n` : ''}${GLOBAL_HELP}`;

function findCommand(argv: string[]): { command?: AdminCommand; rest: string[]; group?: string } {
  const [first, second] = argv;
  const single = COMMANDS.find((c) => c.name === first);
  if (single) return { command: single, rest: argv.slice(1) };
  const pair = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (pair) return { command: pair, rest: argv.slice(2) };
  const group = COMMANDS.some((c) => c.name.split(' ')[0] === first) ? first : undefined;
  return { rest: argv.slice(1), group };
}

export interface RunAdminOptions {
  now?: () => Date;
  /** Default for --actor (the OS user otherwise). */
  defaultActor?: string;
}

/** Runs one admin command; returns the exit code (0 ok, 1 failed or not found, 2 bad usage or invalid input). */
export async function runAdmin(db: Kysely<Database>, argv: string[], rawIo: AdminIo, opts: RunAdminOptions = {}): Promise<number> {
  // Everything printed may carry stored or typed text: no control byte reaches the terminal raw (CWE-150).
  const io: AdminIo = { ...rawIo, stdout: (t) => rawIo.stdout(terminalLines(t)), stderr: (t) => rawIo.stderr(terminalLines(t)) };
  const { command, rest, group } = findCommand(argv);
  const wantsHelp = rest.includes('--help') || rest.includes('-h') || argv[0] === '--help' || argv[0] === '-h';
  if (!command) {
    if (wantsHelp) {
      io.stdout(`${adminUsage(group)}\n`);
      return EXIT.ok;
    }
    const what =
      argv.length === 0 ? 'Say which command.'
      : group && argv.length === 1 ? `Say which ${group} command.`
      : `Unknown command "${argv.slice(0, group ? 2 : 1).join(' ')}".`;
    io.stderr(`${what}\n${adminUsage(group)}\n`);
    return EXIT.usage;
  }
  const json = rest.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: 'boolean' }, actor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const hostile = forbiddenArgument(values, positionals);
    if (hostile) throw new InvalidInputError([{ path: hostile, message: FORBIDDEN_CHARACTER_MESSAGE }]);
    if (positionals.length !== command.positionals) {
      throw new UsageError(`${command.name} takes ${command.synopsis.split(' ').slice(0, command.positionals).join(' ') || 'no arguments'}, not "${positionals.join(' ')}".`);
    }
    const actor = (typeof values.actor === 'string' ? values.actor : (opts.defaultActor ?? os.userInfo().username)).trim();
    if (!actor || actor.length > 100) throw new UsageError('--actor must be a name of 1 to 100 characters.');
    const result = await command.run(
      { db, actor, now: opts.now?.() ?? new Date(), readStdin: io.readStdin },
      { values: values as Record<string, string | boolean | undefined>, positionals },
    );
    io.stdout(json ? `${terminalJson(result.json)}\n` : `${result.text}\n`);
    return EXIT.ok;
  } catch (err) {
    return reportError(io, command, err, json);
  }
}

function reportError(io: AdminIo, command: AdminCommand, err: unknown, json: boolean): number {
  const usage = err instanceof UsageError || (err instanceof TypeError && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS'));
  const invalid = err instanceof InvalidInputError;
  const code = usage || invalid ? EXIT.usage : EXIT.failed;
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    const kind = usage ? 'usage' : invalid ? 'invalid_input' : err instanceof CommandFailedError ? 'failed' : 'error';
    io.stderr(`${terminalJson({ error: kind, message, ...(invalid ? { errors: err.errors } : {}) }, 0)}\n`);
  } else if (invalid && command.name === 'import') {
    io.stderr(`${err.errors.length} problem(s) in the file; nothing was imported:\n${err.errors.map((e) => `  ${e.path || '(file)'}: ${e.message}`).join('\n')}\n`);
  } else if (invalid) {
    io.stderr(`Invalid input: ${message}\n`);
  } else if (usage) {
    io.stderr(`${message} (npm run admin -- ${command.name} --help)\n`);
  } else {
    io.stderr(`${err instanceof CommandFailedError ? '' : 'Error: '}${message}\n`);
  }
  return code;
}
