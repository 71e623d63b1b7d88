// Runs `tsx server/cli.ts …` as a separate process against a test database, as an operator would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './database';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(database: Pick<TestDatabase, 'config' | 'searchPath'>, args: string[], input?: string): Promise<CliResult> {
  const root = path.resolve(__dirname, '../..');
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: database.config.dataDir, NODE_ENV: 'test' };
  // node-postgres reads PGOPTIONS: the child uses the test's own schema.
  if (database.searchPath) env.PGOPTIONS = `-c search_path=${database.searchPath}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/cli.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
