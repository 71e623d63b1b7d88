// CWE-150/117 and CWE-1333 guards over every string a request can carry: each route's body, path, query and
// headers (read from the OpenAPI registry the document is generated from) and the admin import file; and every
// whole number in a path, query or header is `queryInteger` (digits only), never `Number()`'s reading of text.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SINGLE_LINE_FORBIDDEN } from '../../shared/fields';
import { isQueryInteger } from '../../shared/schemas/common.schema';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../../server/app';
import type { Deps } from '../../server/http/env';
import { importFileSchema } from '../../shared/schemas/admin.schema';

/** Fields that keep line feeds (R6 details, reject reasons); every other string field is single-line. */
const MULTI_LINE = new Set(['details', 'reason', 'note']);
/** Passwords are hashed, never stored, printed or mailed: any character (docs/decisions.md). */
const ANY_CHARACTER = new Set(['password', 'currentPassword', 'newPassword']);

/** A control byte or direction override inside otherwise ordinary text. */
const HOSTILE = ['\u0000', '\u0007', '\u001b', '\r', '\t', '\u007f', '\u0085', '\u009b', '\u2028', '\u202a', '\u202e', '\u2066', '\u2069', '\ud800']
  .map((c) => `ab${c}cd`);
const hostile = (field: string) => (MULTI_LINE.has(field) ? HOSTILE : [...HOSTILE, 'ab\ncd']);

type Schema = z.ZodType & { _zod: { def: Record<string, any> } };
interface Field { where: string; name: string; schema: Schema }

/** The string fields of a schema, found by walking its objects, arrays, unions and wrappers. */
function stringFields(schema: Schema, where: string, name = ''): Field[] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, s]) => stringFields(s, `${where}.${key}`, key));
    case 'array':
      return stringFields(def.element, `${where}[]`, name);
    case 'union':
      return (def.options as Schema[]).flatMap((o) => stringFields(o, where, name));
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      return holdsString(schema) ? [{ where, name, schema }] : stringFields(def.innerType, where, name);
    case 'pipe':
      return holdsString(schema) ? [{ where, name, schema }] : [...stringFields(def.in, where, name), ...stringFields(def.out, where, name)];
    case 'string': case 'enum': case 'literal':
      return [{ where, name, schema }];
    default:
      return [];
  }
}

/** Whether the value itself (not a nested object) is read as a string. */
function holdsString(schema: Schema): boolean {
  const def = schema._zod.def;
  if (def.type === 'string') return true;
  if (def.innerType) return holdsString(def.innerType);
  if (def.type === 'pipe') return holdsString(def.in);
  return false;
}

function requestFields(): Field[] {
  const app = createApp({} as Deps);
  const fields: Field[] = [];
  for (const d of app.openAPIRegistry.definitions as any[]) {
    if (d.type !== 'route') continue;
    const at = `${d.route.method.toUpperCase()} ${d.route.path}`;
    const r = d.route.request ?? {};
    for (const part of ['params', 'query', 'headers'] as const) if (r[part]) fields.push(...stringFields(r[part], `${at} ${part}`));
    const body = r.body?.content?.['application/json']?.schema;
    if (body) fields.push(...stringFields(body, `${at} body`));
  }
  fields.push(...stringFields(importFileSchema as unknown as Schema, 'admin import file'));
  return fields;
}

describe('every string a request carries', () => {
  const fields = requestFields().filter((f) => !ANY_CHARACTER.has(f.name));

  it('the walk finds the fields it should (a walk that finds nothing proves nothing)', () => {
    const where = fields.map((f) => f.where);
    expect(where).toContain('PATCH /api/v1/accounts/{id}/billing body.contact.companyName');
    expect(where).toContain('PATCH /api/v1/accounts/{id}/billing headers.if-match');
    expect(where).toContain('POST /api/v1/accounts/{id}/change-requests body.details');
    expect(where).toContain('GET /api/v1/accounts/{id}/invoices query.cursor');
    expect(where).toContain('GET /api/v1/accounts/{id}/invoices/{invoiceId} params.invoiceId');
    expect(where).toContain('POST /api/v1/sessions body.email');
    expect(where).toContain('admin import file.accounts[].contact.address.line1');
    expect(fields.length).toBeGreaterThan(60);
  });

  it('refuses control characters, bidi overrides and lone surrogates (single-line: line feeds too)', () => {
    // HTAB is list whitespace in HTTP field values (RFC 9110 §5.6.1): If-Match may carry it, nothing else.
    const tabAllowed = (where: string, v: string) => where.endsWith('headers.if-match') && !SINGLE_LINE_FORBIDDEN.test(v.replace(/\t/g, ' '));
    const accepted = fields.flatMap((f) =>
      hostile(f.name)
        .filter((v) => f.schema.safeParse(v).success && !tabAllowed(f.where, v))
        .map((v) => `${f.where} accepts ${JSON.stringify(v)}`),
    );
    expect(accepted).toEqual([]);
  });

  it('multi-line fields keep their line feeds', () => {
    const multi = fields.filter((f) => MULTI_LINE.has(f.name));
    expect(multi.length).toBeGreaterThan(0);
    for (const f of multi) expect(f.schema.safeParse('first line\nsecond line').data).toBe('first line\nsecond line');
  });

  it('runs no pattern on an over-long value: the length is checked first (CWE-1333)', () => {
    // Every RegExp method a check could use, watched while 100 KB values are parsed.
    const longest = { length: 0, where: '' };
    const original = { test: RegExp.prototype.test, exec: RegExp.prototype.exec };
    // A lone character class (zod's own surrogate probe while measuring) reads each character once: not a pattern.
    const probe = (re: RegExp) => re.source.startsWith('[') && re.source.endsWith(']') && re.source.indexOf(']') === re.source.length - 1;
    const seen = (re: RegExp, s: string, where: string) => {
      if (!probe(re) && String(s).length > longest.length) Object.assign(longest, { length: String(s).length, where });
    };
    const watch = (where: string) => {
      RegExp.prototype.test = function (this: RegExp, s: string) {
        seen(this, s, where);
        return original.test.call(this, s);
      };
      RegExp.prototype.exec = function (this: RegExp, s: string) {
        seen(this, s, where);
        return original.exec.call(this, s);
      };
    };
    try {
      for (const f of fields) {
        watch(f.where);
        for (const v of ['a@' + '.'.repeat(100_000) + '@', 'a'.repeat(100_000), ' '.repeat(50_000) + 'x'.repeat(50_000)]) {
          expect(f.schema.safeParse(v).success, f.where).toBe(false);
        }
      }
    } finally {
      Object.assign(RegExp.prototype, original);
    }
    expect(longest).toEqual({ length: 0, where: '' });
  });
});

/** The parameter schemas (path, query, headers) of every route. */
function parameterSchemas(): { where: string; schema: Schema }[] {
  const app = createApp({} as Deps);
  return (app.openAPIRegistry.definitions as any[])
    .filter((d) => d.type === 'route')
    .flatMap((d) =>
      (['params', 'query', 'headers'] as const)
        .filter((part) => d.route.request?.[part])
        .map((part) => ({ where: `${d.route.method.toUpperCase()} ${d.route.path} ${part}`, schema: d.route.request[part] as Schema })),
    );
}

/** Every place below `schema` that reads a number (or coerces anything) other than through `queryInteger`. */
function looseNumbers(schema: Schema, where: string): { where: string; schema?: Schema; integer?: Schema }[] {
  if (isQueryInteger(schema)) return [{ where, integer: schema }];
  const def = schema._zod.def;
  if (def.coerce || ['number', 'int', 'bigint', 'boolean', 'date', 'transform', 'custom'].includes(def.type)) return [{ where, schema }];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, Schema>).flatMap(([key, s]) => looseNumbers(s, `${where}.${key}`));
    case 'array':
      return looseNumbers(def.element, `${where}[]`);
    case 'union':
      return (def.options as Schema[]).flatMap((o) => looseNumbers(o, where));
    case 'pipe':
      return [...looseNumbers(def.in, where), ...looseNumbers(def.out, where)];
    default:
      return def.innerType ? looseNumbers(def.innerType, where) : [];
  }
}

/** Texts `Number()` reads as 2026 or 20 (hex, signs, blanks, exponents, decimals, other digits), and ones that are no number. */
const NOT_DIGITS = ['0x7EA', '0x14', '+2026', '+20', ' 2026', '2026 ', ' 20', '\t20', '2.026e3', '2e1', '2026.0', '20.', '1_000', '0b10100', '0o24', '-0', '-1', 'Infinity', 'NaN', '２０', '٢٠', '', ' '];

describe('every whole number a path, query or header carries', () => {
  const found = parameterSchemas().flatMap(({ where, schema }) => looseNumbers(schema, where));
  const integers = found.filter((f) => f.integer);

  it('is built with queryInteger (shared/schemas/common.schema.ts), never z.coerce.number or a transform', () => {
    expect(integers.map((f) => f.where)).toEqual(expect.arrayContaining([
      'GET /api/v1/accounts/{id}/invoices query.limit',
      'GET /api/v1/accounts/{id}/invoices query.year',
      'GET /api/v1/accounts/{id}/invoices.csv query.year',
      'GET /api/v1/accounts/{id}/receipts.zip query.year',
      'GET /api/v1/accounts/{id}/invoices/summary query.year',
      'GET /api/v1/support/change-requests query.limit',
      'GET /api/v1/accounts/{id}/proposals query.limit',
      'GET /api/v1/accounts/{id}/activity query.limit',
    ]));
    expect(found.filter((f) => !f.integer).map((f) => f.where)).toEqual([]);
  });

  it('takes only ASCII digits: hex, signs, blanks, exponents and decimals are "Must be a whole number"', () => {
    for (const { where, integer } of integers) {
      for (const raw of NOT_DIGITS) {
        const result = integer!.safeParse(raw);
        expect(result.success, `${where} accepts ${JSON.stringify(raw)}`).toBe(false);
        expect(result.error?.issues[0].message, `${where} ${JSON.stringify(raw)}`).toBe('Must be a whole number');
      }
    }
  });

  it('says "Required" for a missing one, and reads plain digits as the number', () => {
    const year = integers.find((f) => f.where.endsWith('receipts.zip query.year'))!.integer!;
    expect(year.safeParse(undefined).error?.issues[0].message).toBe('Required');
    expect(year.safeParse('2026').data).toBe(2026);
    expect(year.safeParse('1999').error?.issues[0].message).toBe('At least 2000');
  });

  it('no schema or setting in shared/ or server/ uses z.coerce (Number() reads 0x10, +1, " 1" and 1e3)', () => {
    const root = path.resolve(__dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
      );
    const users = [...files('shared'), ...files('server')].filter((f) => /\bz\s*\.\s*coerce\b|\bcoerce\s*\.\s*number\b/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(users).toEqual([]);
  });
});
