// The API in-process (app.request, no socket) on a fresh database with the demo, plus sign-in helpers.
import { API_PREFIX, createApp } from '../../server/app';
import { connect } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { DEMO_PASSWORD, loadDemo } from '../../server/demo/demo.seed';
import { createTestDatabase } from './database';
import { demoPasswordHash } from './demo';
import { checkerFor } from './openapi-validator';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Every answer of `app.request` — through `request()` below or called directly by a suite — is checked
 * against the OpenAPI document the app serves; an answer it does not describe fails the test.
 */
export function checkEveryAnswer(app: ReturnType<typeof createApp>) {
  const original = app.request.bind(app);
  const load = async () => (await original(`${API_PREFIX}/openapi.json`)).json();
  app.request = (async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (original as (...a: unknown[]) => Response | Promise<Response>)(input, init, ...rest);
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const check = await checkerFor('in-process', load);
    check({ method, path: url.pathname, status: res.status, headers: res.headers, text: await res.clone().text() });
    return res;
  }) as typeof app.request;
}

export async function createTestApi(opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const database = await createTestDatabase();
  const handle = connect({ dataDir: database.config.dataDir, databaseUrl: database.config.databaseUrl, searchPath: database.searchPath });
  await migrateToLatest(handle.db);
  await loadDemo(handle.db, now(), { passwordHash: await demoPasswordHash() });
  const app = createApp({ db: handle.db, config: database.config, now });
  checkEveryAnswer(app);

  async function request<T = any>(method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`${API_PREFIX}${path}`, { method, headers, body });
    // A file (a PDF…) comes back as its bytes; everything else the API answers is JSON.
    if (!/json/.test(res.headers.get('content-type') ?? '')) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, body: (bytes.byteLength ? bytes : undefined) as T, headers: res.headers };
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  const tokens = new Map<string, string>();
  async function signIn(email: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    const res = await request('POST', '/sessions', { body: { email, password: DEMO_PASSWORD } });
    if (res.status !== 201) throw new Error(`sign-in of ${email} failed: ${res.status}`);
    tokens.set(email, res.body.token);
    return res.body.token;
  }

  /** Every demo person signed in (through the real, deliberately slow password check). */
  async function signInDemo() {
    const [ada, bob, chloe, sam] = await Promise.all(
      ['ada@acme.test', 'bob@acme.test', 'chloe@globex.test', 'sam@support.test'].map(signIn),
    );
    return { ada, bob, chloe, sam };
  }

  async function accountId(companyName: string): Promise<string> {
    const row = await handle.db.selectFrom('accounts').select('id').where('company_name', '=', companyName).executeTakeFirstOrThrow();
    return row.id;
  }

  return {
    app,
    db: handle.db,
    database,
    request,
    signIn,
    signInDemo,
    accountId,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
