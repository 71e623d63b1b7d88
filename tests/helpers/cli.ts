// Runs the operator CLI (server/cli.ts) as a separate process against a test database, as an operator would.
import { spawn } from 'node:child_process';
import { bundled, ROOT } from './bundle';
import type { TestDatabase } from './database';
import { envFor } from './process-server';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(
  database: Pick<TestDatabase, 'config' | 'searchPath'>,
  args: string[],
  input?: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const cli = await bundled('server/cli.ts');
  const env = envFor(database, { NODE_ENV: 'test', ...extraEnv });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
