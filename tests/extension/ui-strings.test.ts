// R12: no UI text written outside the message files, and the manifest's messages exist in both languages.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'extension');

/** Text that is the same in every language: the brand, and symbols (no letters are checked anyway). */
const ALLOWED = new Set(['Fastpath']);
/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription',
  'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);

const hasLetters = (text: string) => /\p{L}/u.test(text) && !ALLOWED.has(text.trim());

type Node = { type: string; loc?: { start: { line: number } }; [key: string]: unknown };

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) if (key !== 'loc' && key !== 'extra') walk(value, visit);
}

/** A message key handed to a component that calls t() itself, e.g. `title="history.title"`. */
const MESSAGE_KEY = /^[a-z]\w*(\.\w+)+$/;

/** The literal strings an expression can evaluate to directly (`'a'`, `` `a ${b}` ``, `c ? 'a' : 'b'`). */
function literals(node: Node | null | undefined): string[] {
  if (!node) return [];
  switch (node.type) {
    case 'StringLiteral':
      return [node.value as string];
    case 'TemplateLiteral':
      return [(node.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join(' ')];
    case 'JSXExpressionContainer':
      return literals(node.expression as Node);
    case 'ConditionalExpression':
      return [...literals(node.consequent as Node), ...literals(node.alternate as Node)];
    case 'LogicalExpression':
      return literals(node.right as Node);
    default:
      return [];
  }
}

/** Literal text a person would see in a TSX source, as `line: text`. */
export function hardCodedText(source: string): string[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
  const found: string[] = [];
  const report = (node: Node, text: string) => found.push(`${node.loc?.start.line}: ${text.trim()}`);
  walk(ast.program, (node) => {
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children as Node[]) {
        if (child.type === 'JSXText' && hasLetters(child.value as string)) report(child, child.value as string);
        if (child.type === 'JSXExpressionContainer') {
          for (const text of literals(child)) if (hasLetters(text)) report(child, text);
        }
      }
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as { name: unknown }).name;
      if (typeof name !== 'string' || !TEXT_ATTRIBUTES.has(name)) return;
      for (const text of literals(node.value as Node)) {
        if (hasLetters(text) && !MESSAGE_KEY.test(text)) report(node, `${name}="${text}"`);
      }
    }
  });
  return found.sort();
}

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'public' ? [] : files(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

describe('UI text comes from the message files', () => {
  it('catches written-in text, text attributes and string children (the check itself)', () => {
    const sample = [
      'const a = <p title="Hello" aria-label={`Close ${x}`}>Save now {"Cancel"} {t("ok")}</p>;',
      'const b = <nav aria-label={t("x")} class={`row ${y}`}><span>Fastpath</span> — {n} · 3</nav>;',
      'const c = <Section title="billing.title">{busy ? "Wait" : t("go")}</Section>;',
    ].join('\n');
    expect(hardCodedText(sample)).toEqual(
      ['1: Cancel', '1: Save now', '1: aria-label="Close  "', '1: title="Hello"', '3: Wait'].sort(),
    );
  });

  const sources = files(SRC, '.tsx');
  it('finds the pages to check', () => expect(sources.length).toBeGreaterThan(10));

  it.each(sources.map((f) => [path.relative(ROOT, f), f]))('%s has no written-in UI text', (_name, file) => {
    expect(hardCodedText(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('manifest messages (public/_locales)', () => {
  const read = (lang: string) =>
    JSON.parse(fs.readFileSync(path.join(SRC, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
  const en = read('en');
  const fr = read('fr');

  it('have the same keys in English and French, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries({ ...en, ...fr })) expect(value.message.trim(), key).not.toBe('');
  });

  it('define every __MSG_…__ the manifest and pages use', () => {
    const users = [path.join(ROOT, 'wxt.config.ts'), ...files(path.join(SRC, 'entrypoints'), '.html')];
    const used = users.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]));
    expect(used).toContain('cmdBilling');
    for (const key of used) expect(en, key).toHaveProperty(key);
  });
});
