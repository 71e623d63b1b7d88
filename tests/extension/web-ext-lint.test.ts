// `web-ext lint` (Mozilla's add-on linter) on the Firefox MV3 build: no errors, so AMO would accept it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIREFOX_BUILD = path.join(ROOT, '.output/firefox-mv3');
const WEB_EXT = path.join(ROOT, 'node_modules/.bin/web-ext');

const built = fs.existsSync(path.join(FIREFOX_BUILD, 'manifest.json'));
if (!built) console.warn(`\n*** WEB-EXT LINT SKIPPED: no build in ${FIREFOX_BUILD}. Run npm run build (npm test does). ***\n`);

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
}

describe.skipIf(!built)('web-ext lint (Firefox build)', () => {
  it('finds no errors', { timeout: 60_000 }, async () => {
    // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
    const { stdout } = await promisify(execFile)(
      WEB_EXT,
      ['lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--no-config-discovery'],
      { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;
    const errors = report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`);
    expect(errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });

  it('declares only the permissions Fastpath uses', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(FIREFOX_BUILD, 'manifest.json'), 'utf8'));
    expect(manifest.permissions.sort()).toEqual(['alarms', 'storage']);
    expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*']);
    // Plain http only on this computer; any other server must be https (R17).
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://[::1]/*']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.omnibox).toEqual({ keyword: 'bill' });
  });

  it('lets Chrome enterprises set the server by policy through a managed-storage schema', () => {
    const chrome = path.join(ROOT, '.output/chrome-mv3');
    const manifest = JSON.parse(fs.readFileSync(path.join(chrome, 'manifest.json'), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(path.join(chrome, manifest.storage.managed_schema), 'utf8'));
    // offscreen: the service worker clears the pages' localStorage snapshot when it ends a refused session.
    expect(manifest.permissions.sort()).toEqual(['alarms', 'offscreen', 'storage']);
    expect(schema.properties.serverUrl.type).toBe('string');
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://[::1]/*']);
  });

  it('installs on desktop Firefox ESR 140 and on Android from 142, where data_collection_permissions is read', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(FIREFOX_BUILD, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(manifest.browser_specific_settings.gecko_android.strict_min_version).toBe('142.0');
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
