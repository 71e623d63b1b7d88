// The TrueType fonts embedded in every billing PDF (DejaVu Sans: Latin-1, Latin Extended-A, Greek, Cyrillic), found in dev and in the bundle.
import * as fontkit from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files the PDFs embed, from the pinned npm package `dejavu-fonts-ttf` (folder `ttf/`). */
export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
/** The package the fonts come from; scripts/bundle-server.ts copies the files (and its LICENSE) beside the bundle. */
export const FONT_PACKAGE = 'dejavu-fonts-ttf';
/** The folder beside dist/server/index.mjs that holds the copied fonts. */
export const BUNDLED_FONT_DIR = 'fonts';

/** node_modules/dejavu-fonts-ttf/ttf, or undefined where the package is absent (the production image). */
export function packageFontDir(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`)), 'ttf');
  } catch {
    return undefined;
  }
}

function findFont(file: string): string {
  // The bundle (dist/server/index.mjs) reads dist/server/fonts; tsx and the tests read the package itself.
  const candidates = [path.join(path.dirname(fileURLToPath(import.meta.url)), BUNDLED_FONT_DIR, file)];
  const fromPackage = packageFontDir();
  if (fromPackage) candidates.push(path.join(fromPackage, file));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`Font ${file} not found (looked in ${candidates.join(', ')}); run npm install, or npm run build`);
  return found;
}

/** A parsed font as pdfkit takes it (fontkit 2, the version pdfkit itself uses). */
export type ParsedFont = { layout: (...args: unknown[]) => unknown };

let parsed: { regular: ParsedFont; bold: ParsedFont } | undefined;

type FontkitFont = ParsedFont & { characterSet: number[]; glyphForCodePoint(codePoint: number): unknown };

/**
 * Parses a font and creates the glyph of every character it maps, in code point order, before any
 * use. fontkit caches a glyph with the characters it was first created for, and a subset reaching a
 * glyph as a component of another (DejaVu's Cyrillic "Р" is built from Latin "P") creates it with
 * none: in a font shared between documents, later PDFs would then map "P" to no text (unselectable).
 */
function parse(file: string): ParsedFont {
  const font = fontkit.create(fs.readFileSync(findFont(file))) as FontkitFont;
  for (const codePoint of [...font.characterSet].sort((a, b) => a - b)) font.glyphForCodePoint(codePoint);
  return font;
}

/**
 * The fonts parsed once per process: parsing DejaVu and its first layout (GSUB/GPOS tables) take
 * ~300 ms, a render with a parsed font a few ms (bench: "receipt PDF"). Each PDF still embeds its own
 * subset. Throws when a file is missing (a broken install).
 */
export function documentFonts(): { regular: ParsedFont; bold: ParsedFont } {
  parsed ??= { regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold) };
  return parsed;
}

let characterSets: { regular: number[]; bold: number[] } | undefined;

/**
 * The code points each document font maps to a glyph (its cmap, as fontkit reads it: the same answer
 * as `font.hasGlyphForCodePoint`), read once per process without laying anything out, so validating a
 * request does not pay for documentFonts()'s glyph warm-up. Used by server/documents/printable.ts.
 */
export function documentCharacterSet(): { regular: number[]; bold: number[] } {
  const read = (file: string) => (fontkit.create(fs.readFileSync(findFont(file))) as FontkitFont).characterSet;
  characterSets ??= parsed
    ? { regular: (parsed.regular as FontkitFont).characterSet, bold: (parsed.bold as FontkitFont).characterSet }
    : { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold) };
  return characterSets;
}
