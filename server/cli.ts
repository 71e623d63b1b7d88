// Operator commands: `migrate`, `seed` (demo into an empty database), and later `billing run`.
import { ConfigError, loadConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { isEmpty, loadDemo } from './demo/demo.seed';

const USAGE = `Usage: tsx server/cli.ts <command>
  migrate   bring the database schema up to date
  seed      load the demo data into an empty database (refused when NODE_ENV=production)`;

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
      default:
        process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `Error: ${err.message}`}\n`);
    process.exit(1);
  },
);
