// Operator commands: `migrate`, `seed` (demo into an empty database), `billing run`.
import { parseArgs } from 'node:util';
import { runBilling } from './billing/billing-run';
import { simulatedPaymentProvider } from './billing/payment-provider';
import { endOfDay } from './billing/periods';
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { isEmpty, loadDemo } from './demo/demo.seed';

const USAGE = `Usage: tsx server/cli.ts <command>
  migrate                      bring the database schema up to date
  seed                         load the demo data into an empty database (refused when NODE_ENV=production)
  billing run [--at YYYY-MM-DD]  issue every invoice due by the end of that day (default today), charge cards`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
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
        await migrateToLatest(handle.db);
        const at = values.at ? endOfDay(values.at) : new Date();
        const r = await runBilling(handle.db, simulatedPaymentProvider, at);
        process.stdout.write(`Billing run as of ${at.toISOString()}: ${r.issued} issued, ${r.paid} paid, ${r.ended} ended.\n`);
        return 0;
      }
      default:
        process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await handle.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const known = err instanceof ConfigError || err instanceof UsageError;
    process.stderr.write(`${known ? err.message : `Error: ${err.message}`}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
