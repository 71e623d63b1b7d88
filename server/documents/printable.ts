// Which characters a billing document can print, asked of the embedded fonts themselves; one rule for every path that writes a printed field.
import type { FieldError } from '../../shared/errors';
import { documentCharacterSet } from './fonts';

/**
 * Right-to-left scripts: DejaVu Sans draws part of Hebrew and Arabic, but pdfkit lays text out left to
 * right with no bidirectional reordering, so "שלום 12" or an Arabic street would print in the wrong
 * order, and DejaVu covers only part of those blocks. Refused until the documents do bidi
 * (docs/decisions.md, "Printable characters").
 */
const RIGHT_TO_LEFT: ReadonlyArray<readonly [number, number]> = [
  [0x0590, 0x08ff], // Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic Extended
  [0xfb1d, 0xfdff], // Hebrew and Arabic presentation forms A
  [0xfe70, 0xfeff], // Arabic presentation forms B
  [0x10800, 0x10fff], // historic right-to-left scripts
  [0x1e800, 0x1efff], // Mende Kikakui, Adlam, Arabic mathematical symbols
];

/**
 * Unicode's default-ignorable characters (joiners U+200C/D, which the text fields allow; variation
 * selectors; U+034F…): DejaVu maps some of them, but the layout consumes them and the PDF's text has
 * no trace of them (found by the property test). Refused like a missing glyph.
 */
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;

let printable: Set<number> | undefined;

/** The code points both document fonts (regular and bold) map to a glyph, minus the two lists above; built once. */
function printableSet(): Set<number> {
  if (printable) return printable;
  const { regular, bold } = documentCharacterSet();
  const inBold = new Set(bold);
  const rtl = (cp: number) => RIGHT_TO_LEFT.some(([from, to]) => cp >= from && cp <= to);
  printable = new Set(regular.filter((cp) => inBold.has(cp) && !rtl(cp) && !INVISIBLE.test(String.fromCodePoint(cp))));
  return printable;
}

/** True when the documents print this code point (after NFC, see unprintableCharacters). */
export function isPrintableCodePoint(codePoint: number): boolean {
  return printableSet().has(codePoint);
}

/**
 * The distinct characters of `value` (after NFC normalisation, in order of appearance) that the billing
 * documents cannot print: no glyph in DejaVu Sans or DejaVu Sans Bold, a right-to-left script, or an
 * invisible joiner. Line feeds (multi-line fields) count as printable. [] when all print.
 */
export function unprintableCharacters(value: string): string[] {
  const found: string[] = [];
  for (const ch of value.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a || printableSet().has(cp)) continue;
    if (!found.includes(ch)) found.push(ch);
  }
  return found;
}

/** A character's Unicode label, `U+1F680` (hex digits in capitals, as The Unicode Standard writes them). */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A character as the error message shows it: itself, or `U+0301` for one that is invisible or combines with its neighbour. */
function shown(ch: string): string {
  const visible = !/[\p{M}\p{Z}\p{C}]/u.test(ch);
  return visible ? ch : codePointLabel(ch);
}

/** The prefix of the API's message; the extension maps it onto its `unprintable` problem (extension/utils/i18n/format.ts). */
export const UNPRINTABLE_MESSAGE = 'Contains characters that cannot be printed on invoices';

/** "Contains characters that cannot be printed on invoices: 中, 🚀" (at most 10 named, then "…"). */
export function unprintableMessage(chars: string[]): string {
  const named = chars.slice(0, 10).map(shown).join(', ');
  return `${UNPRINTABLE_MESSAGE}: ${named}${chars.length > 10 ? ', …' : ''}`;
}

/**
 * One FieldError per field of `fields` (API path → value; null, undefined and non-strings are skipped)
 * whose value the billing documents cannot print. Every path that writes a printed field calls it:
 * the Billing page PATCH and proposals (planBillingPatch), change requests and their completion,
 * the admin CLI and import, the seller file (issue 14 follow-up).
 */
export function unprintableFieldErrors(fields: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [path, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    const chars = unprintableCharacters(value);
    if (chars.length) errors.push({ path, message: unprintableMessage(chars) });
  }
  return errors;
}

/** What the documents print in place of a character they cannot: U+FFFD, visible, in both fonts. */
export const REPLACEMENT_MARKER = '\uFFFD';

/**
 * A stored value as a document prints it: NFC, each unprintable character replaced by
 * REPLACEMENT_MARKER (values stored before the rule existed), and the characters replaced, so the
 * renderer can log them. Never drops a character silently.
 */
export function printableText(value: string): { text: string; replaced: string[] } {
  const nfc = value.normalize('NFC');
  const replaced = unprintableCharacters(nfc);
  if (replaced.length === 0) return { text: nfc, replaced };
  let text = '';
  for (const ch of nfc) text += ch !== '\n' && !printableSet().has(ch.codePointAt(0)!) ? REPLACEMENT_MARKER : ch;
  return { text, replaced };
}
