// `npm start`: reads the settings, starts the API, says where the extension is and how to sign in.
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo.seed';
import { usePrivateFileModes } from './db/private-files';
import { startServer } from './server';

async function main() {
  usePrivateFileModes();
  const config = loadConfig();
  const server = await startServer(config);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  // The pid is this process's own: the server is one process, so stopping it (even kill -9) frees the port.
  out(`Fastpath API listening on ${server.url}/api/v1 (${server.handle.dialect}${config.databaseUrl ? '' : `, ${config.dataDir}`}; pid ${process.pid})`);
  out(`Mail: ${server.mailDelivery}`);
  if (server.demoLoaded) out('Loaded the demo data into the empty database.');
  out('');
  out('Load the extension:');
  out(`  Chrome:  chrome://extensions → Developer mode → Load unpacked → ${path.resolve('.output/chrome-mv3')}`);
  out(`  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${path.resolve('.output/firefox-mv3/manifest.json')}`);
  if (!config.production) {
    out('');
    out(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) out(`  ${login.email.padEnd(20)} ${login.who}`);
  }
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `Fastpath could not start: ${err.message}`}\n`);
  process.exit(1);
});
