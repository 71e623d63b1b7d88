// CWE-1333 guard: every regular expression in shared/, server/ and extension/ is linear-time, by a ReDoS checker.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['shared', 'server', 'extension'];

/** `new RegExp(…)` built at run time, and how each is covered instead of by the source scan. */
const BUILT_AT_RUN_TIME: Record<string, string> = {
  'shared/fields.ts': 'EMAIL_PATTERN: exported, so checked below with every other exported pattern',
  'server/terminal/terminal-text.ts': 'global (g) copies of SINGLE_LINE_FORBIDDEN and MULTI_LINE_FORBIDDEN, checked as exports of shared/fields.ts',
  'server/http/method-not-allowed.ts': 'route paths with escaped literals and [^/]+ per parameter; a sample is checked below',
};

type Node = { type: string; loc?: { start: { line: number } }; [key: string]: unknown };

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) if (key !== 'loc' && key !== 'extra') walk(value, visit);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

interface Found { where: string; source: string; flags: string }

/** Every regex literal, and every file that builds one with `new RegExp`. */
function scan(): { literals: Found[]; builders: string[] } {
  const literals: Found[] = [];
  const builders = new Set<string>();
  for (const file of DIRS.flatMap(sourceFiles)) {
    const ast = parse(fs.readFileSync(path.join(ROOT, file), 'utf8'), { sourceType: 'module', plugins: ['typescript', 'jsx'] });
    walk(ast.program, (node) => {
      if (node.type === 'RegExpLiteral') literals.push({ where: `${file}:${node.loc?.start.line}`, source: node.pattern as string, flags: node.flags as string });
      const callee = node.callee as Node | undefined;
      if ((node.type === 'NewExpression' || node.type === 'CallExpression') && callee?.type === 'Identifier' && callee.name === 'RegExp') builders.add(file);
    });
  }
  return { literals, builders: [...builders].sort() };
}

/** Exported RegExp values of every shared/ module (they are what both the API and the extension test input with). */
async function exportedPatterns(): Promise<Found[]> {
  const found: Found[] = [];
  for (const file of sourceFiles('shared')) {
    const mod = await import(path.join(ROOT, file));
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof RegExp) found.push({ where: `${file} ${name}`, source: value.source, flags: value.flags });
    }
  }
  return found;
}

function verdict(p: Found): string {
  const diagnostics = checkSync(p.source, p.flags.replace(/[gy]/g, ''), { timeout: 20_000 });
  return diagnostics.status === 'vulnerable'
    ? `vulnerable (${diagnostics.complexity.type}), attack ${JSON.stringify(diagnostics.attack.pattern)}`
    : diagnostics.status;
}

describe('regular expressions that can freeze the server (CWE-1333)', () => {
  const { literals, builders } = scan();

  it('the source scan sees the patterns it should (a scan that finds nothing proves nothing)', () => {
    expect(literals.length).toBeGreaterThan(20);
    expect(literals.some((p) => p.where.startsWith('shared/fields.ts'))).toBe(true);
  });

  it('every regex literal in shared/, server/ and extension/ is safe', () => {
    const unsafe = literals.map((p) => ({ ...p, verdict: verdict(p) })).filter((p) => p.verdict !== 'safe');
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('every exported pattern of shared/ is safe', async () => {
    const exported = await exportedPatterns();
    expect(exported.map((p) => p.where)).toContain('shared/fields.ts EMAIL_PATTERN');
    const unsafe = exported.map((p) => ({ ...p, verdict: verdict(p) })).filter((p) => p.verdict !== 'safe');
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('every pattern built at run time is known and covered', () => {
    expect(builders).toEqual(Object.keys(BUILT_AT_RUN_TIME).sort());
    expect(verdict({ where: 'method-not-allowed sample', source: '^/api/v1/accounts/[^/]+/subscriptions/[^/]+/cancel/?$', flags: '' })).toBe('safe');
  });

  it('the checker does catch a slow pattern: the e-mail pattern as it was', () => {
    expect(verdict({ where: 'old EMAIL_PATTERN', source: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', flags: '' })).toMatch(/^vulnerable/);
  });
});
