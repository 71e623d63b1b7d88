// Runs admin commands in-process (runAdmin) against a test database, capturing output and exit code.
import type { Kysely } from 'kysely';
import { runAdmin } from '../../server/admin/admin.cli';
import type { Database } from '../../server/db/database';

export const TEST_OPERATOR = 'test-operator';

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, for runs with --json. */
  json: any;
}

export function adminRunner(db: Kysely<Database>, opts: { now?: () => Date } = {}) {
  return async function admin(argv: string[], stdin = ''): Promise<AdminRun> {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      readStdin: async () => stdin,
    };
    const code = await runAdmin(db, argv, io, { defaultActor: TEST_OPERATOR, now: opts.now });
    let json: unknown;
    if (argv.includes('--json') && code === 0) json = JSON.parse(stdout);
    return { code, stdout, stderr, json };
  };
}

/** The flags of a valid card-paying account in France; override or drop (undefined) any of them. */
export function accountFlags(overrides: Record<string, string | undefined> = {}): string[] {
  const flags: Record<string, string | undefined> = {
    company: 'Hanabi Studio', currency: 'eur', payment: 'card', 'card-brand': 'Visa', 'card-last4': '4242',
    'card-expiry': '10/2029', 'first-name': 'Hana', 'last-name': 'Sato', email: 'Hana@Hanabi.EXAMPLE',
    phone: '01 42 86 82 00', line1: '14 rue de la Paix', city: 'Paris', 'postal-code': '75002', country: 'fr',
    ...overrides,
  };
  return Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
}
