// Issue 19: the systemd unit and the Dockerfile keep their hardening, and the unit passes systemd-analyze verify where it exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNIT = path.join(ROOT, 'deploy/fastpath.service');
const unit = fs.readFileSync(UNIT, 'utf8');
const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8');
const directive = (name: string) => unit.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
const hasVerify = spawnSync('systemd-analyze', ['--version']).status === 0 && fs.existsSync('/usr/bin/node');

describe('deploy/fastpath.service', () => {
  it('runs the bundle as a dedicated user with NoNewPrivileges, ProtectSystem and a 0700 StateDirectory for DATA_DIR', () => {
    expect(directive('User')).toBe('fastpath');
    expect(directive('NoNewPrivileges')).toBe('yes');
    expect(directive('ProtectSystem')).toBe('strict');
    expect(directive('StateDirectory')).toBe('fastpath');
    expect(directive('StateDirectoryMode')).toBe('0700');
    expect(directive('Environment')).toContain('DATA_DIR=/var/lib/fastpath');
    expect(directive('ExecStart')).toBe('/usr/bin/node /opt/fastpath/dist/server/index.mjs');
    expect(directive('KillSignal')).toBe('SIGTERM');
  });

  it.skipIf(!hasVerify)('passes systemd-analyze verify', () => {
    const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('deploy/Dockerfile', () => {
  it('builds in one stage and runs the bundle as a non-root user in another', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server\/index\.mjs"\]$/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toContain('/api/v1/ready');
  });
});
