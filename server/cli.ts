// Operator commands: `migrate`, `seed`, `billing run`, `admin`, `support`, `backup`, `restore`.
import { parseArgs } from 'node:util';
import { runAdmin } from './admin/admin.cli';
import { describeMailQueue } from './mail/mail.queue';
import { runSupportCommand } from './support/support.commands';
import { backupDatabase, defaultBackupPath, restoreDatabase } from './backup/backup';
import { describeFailures, FutureBillingDateError, runBilling } from './billing/billing-run';
import { simulatedPaymentProvider } from './billing/payment-provider';
import { endOfDay } from './billing/periods';
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { usePrivateFileModes } from './db/private-files';
import { isEmpty, loadDemo } from './demo/demo.seed';
import { terminalLines } from './terminal/terminal-text';

const USAGE = `Usage: tsx server/cli.ts <command>
  migrate                      bring the database schema up to date
  seed                         load the demo data into an empty database (refused when NODE_ENV=production)
  billing run [--at YYYY-MM-DD]  issue every invoice due by the end of that day (default now; never after today, UTC), charge cards
  admin <command>              accounts, people, members, staff, subscriptions, import (admin --help)
  support <command>            the change-request queue: list, show, complete, reject (support --help)
  backup [--to FILE]           online copy of the SQLite database (default DATA_DIR/backups/…)
  restore FILE                 replace the SQLite database with a backup (stop the server first)`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  usePrivateFileModes();
  const config = loadConfig();
  const handle = connect({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateToLatest(handle.db);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
        return 0;
      }
      case 'seed': {
        if (config.production) throw new ConfigError('The demo data is never loaded when NODE_ENV=production.');
        await migrateToLatest(handle.db);
        if (!(await isEmpty(handle.db))) {
          process.stdout.write('The database is not empty: demo not loaded.\n');
          return 1;
        }
        await loadDemo(handle.db, new Date());
        process.stdout.write('Demo data loaded.\n');
        return 0;
      }
      case 'billing': {
        const { positionals, values } = parseArgs({
          args: argv.slice(1),
          options: { at: { type: 'string' } },
          allowPositionals: true,
        });
        if (positionals[0] !== 'run') throw new UsageError('Say "billing run".');
        if (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.at)) {
          throw new UsageError(`--at must be a date like 2026-12-01, not "${values.at}".`);
        }
        const now = new Date();
        const at = values.at ? endOfDay(values.at) : now;
        if (Number.isNaN(at.getTime()) || (values.at && at.toISOString().slice(0, 10) !== values.at)) {
          throw new UsageError(`--at must be a real date, not "${values.at}".`);
        }
        // Refused before touching the database: billing from the future breaks R8 (issue 13 §4).
        if (at.toISOString().slice(0, 10) > now.toISOString().slice(0, 10)) throw new UsageError(new FutureBillingDateError(at, now).message);
        await migrateToLatest(handle.db);
        // R15: the invoice and receipt mails are queued here and sent by the running API servers.
        if (config.production && !config.sellerFile) throw new ConfigError('Setting SELLER_FILE is missing: in production invoices carry your own seller identity (README, "Seller identity").');
        const r = await runBilling(handle.db, simulatedPaymentProvider, at, { now, mailing: { seller: config.seller, now: () => new Date() } });
        const asOf = at.getTime() > now.getTime() ? now : at;
        process.stdout.write(`Billing run as of ${asOf.toISOString()}: ${r.issued} issued, ${r.paid} paid, ${r.ended} ended, ${r.failed.length} failed.\n`);
        // The rest is committed; each failure is audited and retried by the next run. Non-zero so a scheduler notices.
        for (const line of describeFailures(r.failed)) process.stderr.write(`Failed: ${line}\n`);
        return r.failed.length ? 1 : 0;
      }
      case 'admin': {
        await migrateToLatest(handle.db);
        const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), readStdin };
        return await runAdmin(handle.db, argv.slice(1), io);
      }
      case 'backup':
      case 'restore': {
        if (config.databaseUrl) throw new UsageError('With PostgreSQL, back up with pg_dump and restore with pg_restore.');
        const { positionals, values } = parseArgs({ args: argv.slice(1), options: { to: { type: 'string' } }, allowPositionals: true });
        if (command === 'backup') {
          const file = await backupDatabase(config.dataDir, values.to ?? defaultBackupPath(config.dataDir, new Date()));
          process.stdout.write(`Backed up to ${file} (integrity check ok).\n`);
        } else {
          if (!positionals[0]) throw new UsageError('Say which backup: restore FILE.');
          await restoreDatabase(config.dataDir, positionals[0]);
          process.stdout.write(terminalLines(`Restored ${positionals[0]} into ${config.dataDir}.\n`));
        }
        return 0;
      }
      case 'support': {
        await migrateToLatest(handle.db);
        const code = await runSupportCommand(handle.db, argv.slice(1), process.stdout);
        // The CLI only queues: the API servers deliver the outbox with their own settings (SMTP_URL),
        // which this process may not have. Say so, and say when nothing seems to deliver.
        if (code === 0 && argv.slice(1).some((a) => a === 'complete' || a === 'reject')) {
          process.stdout.write(`${await describeMailQueue(handle.db, new Date())}\n`);
        }
        return code;
      }
      default:
        process.stderr.write(terminalLines(`Unknown command "${command}".\n${USAGE}\n`));
        return 2;
    }
  } finally {
    await handle.close();
  }
}

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const known = err instanceof ConfigError || err instanceof UsageError;
    // A message may quote typed or stored text (a database error quotes the value): escaped (CWE-150).
    process.stderr.write(terminalLines(`${known ? err.message : `Error: ${err.message}`}\n`));
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
