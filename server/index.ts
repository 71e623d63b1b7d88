// `npm start`: reads the settings, starts the API, logs where it listens, and stops gracefully on SIGTERM/SIGINT.
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo/demo.seed';
import { usePrivateFileModes } from './db/private-files';
import { createLogger } from './observability/logger';
import { startServer } from './server';

async function main() {
  usePrivateFileModes();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const server = await startServer(config, { logger });
  // The pid is this process's own: the server is one process, so stopping it (even kill -9) frees the port.
  const where = `${server.handle.dialect}${config.databaseUrl ? '' : `, ${config.dataDir}`}; pid ${process.pid}`;
  logger.info(
    { event: 'server.started', url: `${server.url}/api/v1`, database: server.handle.dialect, mail: server.mailDelivery, metrics: server.metricsUrl ?? null, demoLoaded: server.demoLoaded },
    `Fastpath API listening on ${server.url}/api/v1 (${where})`,
  );
  if (config.logFormat === 'pretty') printBanner(config.production, server.mailDelivery, server.demoLoaded, server.metricsUrl);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      logger.warn({ event: 'server.killed', signal }, `${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: 'server.signal', signal }, `${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ event: 'server.stop_failed', err }, 'shut-down failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** For a developer at a terminal (LOG_FORMAT=pretty): how to load the extension and sign in. */
function printBanner(production: boolean, mail: string, demoLoaded: boolean, metricsUrl: string | undefined) {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`Mail: ${mail}`);
  if (metricsUrl) out(`Metrics: ${metricsUrl}`);
  if (demoLoaded) out('Loaded the demo data into the empty database.');
  out('');
  out('Load the extension:');
  out(`  Chrome:  chrome://extensions → Developer mode → Load unpacked → ${path.resolve('.output/chrome-mv3')}`);
  out(`  Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${path.resolve('.output/firefox-mv3/manifest.json')}`);
  if (!production) {
    out('');
    out(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) out(`  ${login.email.padEnd(20)} ${login.who}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `Fastpath could not start: ${err.message}`}\n`);
  process.exit(1);
});
