// CWE-150/117: stored hostile text printed by every staff command (support, admin) shows no raw control byte and forges no line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupportCommand } from '../../server/support/support.commands';
import { terminalJson, terminalLines, terminalText } from '../../server/terminal/terminal-text';
import { adminRunner } from '../helpers/admin';
import { createTestApi, type TestApi } from '../helpers/api';

/** Clears the screen, sets the title, writes the clipboard (OSC 52), reverses the text and forges a list line. PostgreSQL stores no NUL, so none here. */
const HOSTILE = 'Evil\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u202eSARL\u009b31m\r\nCR-2026-99999  open  forged';
/** Any byte a terminal acts on, except the line feeds a command writes between its own lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

let api: TestApi;
let acme: string;
let admin: ReturnType<typeof adminRunner>;
let caseNumber: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = adminRunner(api.db);
  acme = await api.accountId('Acme Corp');
  const globex = await api.accountId('Globex SARL');
  const chloe = await api.signIn('chloe@globex.test');
  const details = { address: { line1: '1 place Bellecour', city: 'Lyon', postalCode: '69002', country: 'FR' }, phone: '04 72 00 00 00', email: 'lyon@globex.test' };
  const filed = await api.request('POST', `/accounts/${globex}/change-requests`, { token: chloe, body: { contactEmail: 'chloe@globex.test', current: details, requested: details, details: 'Lyon' } });
  caseNumber = filed.body.caseNumber;
  // As if written before the schemas refused it, or by a path that skipped them: the terminal must still be safe.
  const hostileDetails = JSON.stringify({ ...details, address: { ...details.address, line1: HOSTILE }, email: HOSTILE });
  await api.db.updateTable('change_requests').set({ details: HOSTILE, contact_email: HOSTILE, requested: hostileDetails, reject_reason: HOSTILE }).where('id', '=', filed.body.id).execute();
  for (const id of [acme, globex]) {
    await api.db.updateTable('accounts').set({ company_name: HOSTILE, contact_first_name: HOSTILE, contact_line1: HOSTILE, billing_vat_id: HOSTILE }).where('id', '=', id).execute();
  }
  await api.db.updateTable('users').set({ name: HOSTILE }).where('email', '=', 'ada@acme.test').execute();
  await api.db.updateTable('subscriptions').set({ product: HOSTILE }).where('account_id', '=', acme).execute();
});
afterAll(() => api.close());

async function support(...args: string[]) {
  let text = '';
  await runSupportCommand(api.db, args, { write: (s: string) => (text += s) });
  return text;
}

/** The output holds the value, visibly escaped, and not one raw control byte. */
function expectSafe(output: string) {
  expect(output).toContain('Evil\\x1b[2J\\x1b]0;pwned\\x07\\x1b]52;c;cm0gLXJmIH4=\\x07\\u202eSARL\\x9b31m\\x0d\\x0aCR-2026-99999  open  forged');
  expect(output).not.toMatch(RAW_CONTROL);
  expect(output.split('\n').some((line) => line.startsWith('CR-2026-99999'))).toBe(false);
}

describe('every command prints stored text escaped', () => {
  it('support list and show', async () => {
    const list = await support('list');
    expectSafe(list);
    expect(list.trimEnd().split('\n')).toHaveLength(1);
    expectSafe(await support('show', caseNumber, '--staff', 'sam@support.test'));
  });

  it('admin account list, account show, subscription list (text and --json)', async () => {
    for (const argv of [['account', 'list'], ['account', 'show', acme], ['subscription', 'list', acme]]) {
      const run = await admin(argv);
      expect(run.code).toBe(0);
      expectSafe(run.stdout);
      const json = await admin([...argv, '--json']);
      expect(json.stdout).not.toMatch(RAW_CONTROL);
      expect(JSON.stringify(json.json)).toContain(JSON.stringify(HOSTILE).slice(1, -1)); // parsed back: the exact stored value
    }
  });

  it('admin member add, which names the account and the person', async () => {
    const run = await admin(['member', 'add', acme, 'bob@acme.test', '--role', 'user']);
    expect(run.code).toBe(0);
    expectSafe(run.stdout);
    const refused = await admin(['member', 'remove', acme, 'ada@acme.test']);
    expect(refused.code).toBe(1);
    expectSafe(refused.stderr);
  });
});

describe('the escaping helpers', () => {
  it('show each control as a visible escape; keep line feeds only where lines are meant', () => {
    expect(terminalText('a\u0000b\nc\u202e')).toBe('a\\x00b\\x0ac\\u202e');
    expect(terminalLines('a\u0000b\nc\u202e')).toBe('a\\x00b\nc\\u202e');
    expect(terminalText('Zoë 😀 Ünïcode')).toBe('Zoë 😀 Ünïcode');
    expect(terminalText('\ud800')).toBe('\\ud800');
  });

  it('JSON for scripts has no raw control and parses back to the same value', () => {
    const value = { name: HOSTILE, lone: '\ud800', nel: '\u0085', ls: '\u2028' };
    const text = terminalJson(value);
    expect(text.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('command-line values are text like any API field', () => {
  it('refuses a control character or bidi override in a flag or an argument, naming it', async () => {
    const actor = await admin(['account', 'list', '--actor', 'mallory\u001b]0;x\u0007']);
    expect(actor.code).toBe(2);
    expect(actor.stderr).toContain('--actor');
    expect(actor.stderr).not.toMatch(RAW_CONTROL);
    const id = await admin(['account', 'show', 'x\u202eid']);
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('argument 1');
    expect(await support('show', 'CR-1\u001b[2J')).toContain('argument 2');
    expect(await support('reject', caseNumber, '--staff', 'sam@support.test\u0007', '--reason', 'x')).toContain('--staff');
  });
});
