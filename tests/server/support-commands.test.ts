// `npm run support -- …`: staff work the queue from a terminal through the same service as the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupportCommand } from '../../server/support/support.commands';
import { createTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let globex: string;
let chloe: string;

beforeAll(async () => {
  api = await createTestApi();
  globex = await api.accountId('Globex SARL');
  chloe = await api.signIn('chloe@globex.test');
});
afterAll(() => api.close());

async function run(...args: string[]) {
  let text = '';
  const code = await runSupportCommand(api.db, args, { write: (s: string) => (text += s) });
  return { code, text };
}
/** Files a case; an account has one open case at a time (R13), so the holder first withdraws the open one. */
async function fileCase(line1: string) {
  const open = await api.db.selectFrom('change_requests').select('id').where('account_id', '=', globex).where('status', '=', 'open').execute();
  for (const { id } of open) await api.request('POST', `/accounts/${globex}/change-requests/${id}/withdraw`, { token: chloe });
  const details = { address: { line1, city: 'Lyon', postalCode: '69002', country: 'FR' }, phone: '04 72 00 00 00', email: 'lyon@globex.test' };
  const body = { contactEmail: 'chloe@globex.test', current: details, requested: details, details: 'Lyon' };
  return (await api.request('POST', `/accounts/${globex}/change-requests`, { token: chloe, body })).body as { id: string; caseNumber: string };
}

describe('support commands', () => {
  it('lists the open queue and shows one case', async () => {
    const filed = await fileCase('1 place Bellecour');
    const list = await run('list');
    expect(list.code).toBe(0);
    expect(list.text).toContain(`${filed.caseNumber}  open`);
    expect(list.text).toContain('Globex SARL');
    const show = await run('show', filed.caseNumber.toLowerCase(), '--staff', 'sam@support.test');
    expect(show.text).toContain('1 place Bellecour, 69002 Lyon, FR; +33472000000; lyon@globex.test');
    // What the account holds now, read from the account, beside what was typed (the desk's rule too).
    expect(show.text).toContain('account    8 rue de Rivoli, Service comptabilité, 75004 Paris, FR; +33142868201; compta@globex.test');
    const viewed = await api.db.selectFrom('audit_log').selectAll().where('action', '=', 'support.case.viewed').where('target', '=', filed.caseNumber).execute();
    expect(viewed.map((v) => v.actor_label)).toEqual(['sam@support.test']);
    expect((await run('list', '--search', 'globex')).text).toContain(filed.caseNumber);
    expect((await run('list', '--search', 'initech')).text).toBe('No open cases.\n');
    expect((await run('list', '--search', 'x'.repeat(101))).code).toBe(2);
    expect((await run('list', '--status', 'completed')).text).toBe('No completed cases.\n');
    // What the account held at filing (R13) stands beside what the person typed as current.
    expect(show.text).toContain('on file    8 rue de Rivoli, Service comptabilité, 75004 Paris, FR; +33142868201; compta@globex.test');
    const withdrawn = await run('list', '--status', 'withdrawn');
    expect(withdrawn.code).toBe(0);
  });

  it('completes and rejects as a named staff member, once', async () => {
    const a = await fileCase('2 place Bellecour');
    const done = await run('complete', a.caseNumber, '--staff', 'sam@support.test');
    expect(done.code).toBe(0);
    expect(done.text).toMatch(/Completed; the new billing details first show on the next invoice \(\d{4}-\d{2}-\d{2}\)/);
    expect(await run('complete', a.caseNumber, '--staff', 'sam@support.test')).toMatchObject({ code: 1, text: expect.stringContaining('already completed') });
    const b = await fileCase('3 place Bellecour');
    const rejected = await run('reject', b.id, '--staff', 'sam@support.test', '--reason', 'Duplicate');
    expect(rejected.code).toBe(0);
    expect(rejected.text).toContain('reason     Duplicate');
    const audit = await api.db.selectFrom('audit_log').selectAll().where('target', 'in', [a.caseNumber, b.caseNumber]).execute();
    expect(audit.filter((e) => e.action.startsWith('change_request.') && e.actor_label === 'sam@support.test')).toHaveLength(2);
  });

  it('refuses non-staff, missing arguments and unknown cases without changing anything', async () => {
    const filed = await fileCase('4 place Bellecour');
    expect(await run('complete', filed.caseNumber, '--staff', 'chloe@globex.test')).toMatchObject({ code: 2, text: expect.stringContaining('not a support staff member') });
    expect((await run('reject', filed.caseNumber, '--staff', 'sam@support.test')).code).toBe(2);
    expect((await run('complete', '--staff', 'sam@support.test')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('list', '--bogus')).code).toBe(2);
    expect(await run('show', 'CR-1999-00001', '--staff', 'sam@support.test')).toEqual({ code: 1, text: 'No case "CR-1999-00001".\n' });
    expect((await run('show', filed.id, '--staff', 'sam@support.test')).text).toContain(`${filed.caseNumber}  open`);
    expect((await run('show', filed.id)).code).toBe(2);
  });
});
