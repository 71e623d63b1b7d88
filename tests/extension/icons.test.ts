// Store-ready icons: every icon the manifests declare exists, is a PNG, and has the size it claims.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the PNG signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const builds = ['chrome-mv3', 'firefox-mv3'].filter((b) => fs.existsSync(path.join(ROOT, '.output', b, 'manifest.json')));

describe.each(builds)('icons of the %s build', (build) => {
  const dir = path.join(ROOT, '.output', build);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

  it('declares 16, 32, 48 and 128 px icons (128 is what the stores require)', () => {
    expect(Object.keys(manifest.icons).map(Number)).toEqual([16, 32, 48, 128]);
  });

  it.each([
    ['icons', () => manifest.icons],
    ['action.default_icon', () => manifest.action.default_icon],
  ])('has every %s file, with the size it is declared at', (_name, icons) => {
    const declared = icons() as Record<string, string>;
    expect(Object.keys(declared).length).toBeGreaterThan(0);
    for (const [size, file] of Object.entries(declared)) {
      expect(pngSize(path.join(dir, file))).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});

describe('the signed-out variant', () => {
  it('exists at every size beside the colour one', () => {
    for (const size of [16, 32, 48, 128]) {
      const colour = path.join(ROOT, 'extension/public/icon', `${size}.png`);
      const greyed = path.join(ROOT, 'extension/public/icon', `${size}-signed-out.png`);
      expect(pngSize(greyed)).toEqual(pngSize(colour));
      expect(fs.readFileSync(greyed).equals(fs.readFileSync(colour))).toBe(false);
    }
  });
});
