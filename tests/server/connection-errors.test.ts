// Which errors mean "the database connection is gone, retry" (503 + Retry-After) and which are bugs (500);
// and a guard that every PostgreSQL pool the server makes is the one connect() makes, with its error listeners.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isConnectionError } from '../../server/db/connection-errors';
import { toApiError } from '../../server/http/problem';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a lost database connection is a 503 with Retry-After, not a 500', () => {
  const lost = [
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('terminating connection due to crash of another server process', '57P02'),
    withCode('the database system is starting up', '57P03'),
    withCode('connection exception', '08000'),
    withCode('connection does not exist', '08003'),
    withCode('connection failure', '08006'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    new Error('Connection terminated unexpectedly'),
    new Error('Connection terminated due to connection timeout'),
    new Error('Client was closed and is not queryable'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('timeout exceeded when trying to connect'),
    new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
  ];
  it.each(lost.map((err) => [err.message, err]))('%s', (_, err) => {
    expect(isConnectionError(err)).toBe(true);
    const api = toApiError(err);
    expect(api.status).toBe(503);
    expect(api.code).toBe('service_unavailable');
    expect(api.headers?.['Retry-After']).toBe('1');
  });

  const bugs = [
    withCode('duplicate key value violates unique constraint', '23505'),
    withCode('syntax error at or near "selec"', '42601'),
    withCode('canceling statement due to statement timeout', '57014'),
    withCode('SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_UNIQUE'),
    new TypeError("Cannot read properties of undefined (reading 'id')"),
    'a string',
  ];
  it.each(bugs.map((err) => [String(err instanceof Error ? err.message : err), err]))('not: %s', (_, err) => {
    expect(isConnectionError(err)).toBe(false);
    expect(toApiError(err).status).toBe(500);
  });
});

describe('guard: the server opens PostgreSQL only through connect()', () => {
  it('no other file under server/ makes a pg Pool or Client (they would lack the error listeners)', () => {
    const root = path.resolve(import.meta.dirname, '../../server');
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter(
      (f) => f !== path.join('db', 'connect.ts') && /new\s+(pg\.)?(Pool|Client)\s*\(/.test(fs.readFileSync(path.join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
