// `npm run admin` end to end: the real process (tsx server/cli.ts admin …), its exit codes, stdin and --json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password';
import { connect, type DbHandle } from '../../server/db/connect';
import { runCli } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let handle: DbHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
  await database.drop();
});

// Each spawn starts tsx (~1 s, far more on a busy machine): generous timeouts.
describe('npm run admin', { timeout: 120_000 }, () => {
  it('prints the help with exit 0, and the usage with exit 2 when no command is given', async () => {
    const help = await runCli(database, ['admin', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('import FILE.json');
    const commandHelp = await runCli(database, ['admin', 'person', 'create', '--help']);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toContain('--password-stdin');
    const none = await runCli(database, ['admin']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Say which command.');
  });

  it('creates a person on an empty database with the password read from stdin, audited with --actor', async () => {
    const run = await runCli(database, ['admin', 'person', 'create', '--email', 'op@example.test', '--name', 'Op', '--password-stdin', '--json', '--actor', 'root-ops'], 'a long and unusual passphrase\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({ id: expect.any(String), email: 'op@example.test', name: 'Op', locale: 'en' });
    handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
    const user = await handle.db.selectFrom('users').selectAll().where('id', '=', out.id).executeTakeFirstOrThrow();
    expect(await verifyPassword('a long and unusual passphrase', user.password_hash)).toBe(true);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_label']).execute();
    expect(audit).toEqual([{ action: 'admin.person.created', actor_label: 'root-ops' }]);
  });

  it('exits 1 with one line for what does not exist, 2 for bad usage', async () => {
    const missing = await runCli(database, ['admin', 'account', 'show', 'nope']);
    expect(missing).toMatchObject({ code: 1, stderr: 'No account with id nope.\n' });
    const unknownOption = await runCli(database, ['admin', 'account', 'list', '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr.trim().split('\n')).toHaveLength(1);
    const unknownCommand = await runCli(database, ['admin', 'account', 'delete']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown command "account delete"');
  });

  it('exits 2 with one line for a password that breaks the rules', async () => {
    const weak = await runCli(database, ['admin', 'person', 'create', '--email', 'w@example.test', '--name', 'W', '--password-stdin'], 'qwertyuiop123\n');
    expect(weak).toMatchObject({ code: 2, stderr: 'Invalid input: password: This is one of the most common passwords; choose another (a few unrelated words work well).\n' });
  });

  it('writes errors as JSON on stderr with --json', async () => {
    const run = await runCli(database, ['admin', 'staff', 'add', 'ghost@example.test', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual({ error: 'failed', message: 'No person with e-mail ghost@example.test.' });
  });
});
