// Untrusted text made safe for a staff terminal: control bytes, bidi overrides and line breaks shown, never obeyed (CWE-150).
import { MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN } from '../../shared/fields';

const SINGLE = new RegExp(SINGLE_LINE_FORBIDDEN.source, 'gu');
const MULTI = new RegExp(MULTI_LINE_FORBIDDEN.source, 'gu');
const FOR_JSON = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** `\x1b`, `\u202e`: what a person can read in place of a character a terminal would act on. */
function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One value on one line: every C0/C1 control (line feeds included), DEL, bidi override and isolate,
 * line separator and lone surrogate written as a visible escape, so a stored value can neither move
 * the cursor, clear the screen, set the title, write the clipboard (OSC 52) nor forge a line.
 */
export function terminalText(value: unknown): string {
  return String(value ?? '').replace(SINGLE, visible);
}

/** Text whose own line feeds are kept (a whole command's output, a multi-line field); every other control escaped. */
export function terminalLines(value: unknown): string {
  return String(value ?? '').replace(MULTI, visible);
}

/** A template whose every interpolated value goes through terminalText: tty`${row.companyName}  (${row.id})`. */
export function tty(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? terminalText(values[i]) : ''), '');
}

/**
 * JSON for a terminal or a script: JSON.stringify already escapes C0 controls and lone surrogates;
 * this also writes DEL, C1 controls, line separators and bidi overrides as \\u escapes. The value
 * parsed back is exactly the value given.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(FOR_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
