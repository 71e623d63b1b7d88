// Proposals (issue 16 §2) through the API: members propose, the holder approves or declines, the proposer withdraws.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../../server/mail/mail.sender';
import { createTestApi, type TestApi } from '../helpers/api';
import { tokenFor } from '../helpers/principals';
import { startSmtpServer } from '../helpers/smtp';

let api: TestApi;
let acme: string;
let globex: string;
let t: Record<'ada' | 'bob' | 'chloe' | 'dan' | 'eve', string>;

/** A person made a user of the accounts given, with a session. */
async function addUser(email: string, name: string, locale: 'en' | 'fr', accounts: string[]): Promise<string> {
  const id = randomUUID();
  await api.db
    .insertInto('users')
    .values({ id, email, email_key: email, name, locale, password_hash: 'x', is_support: 0, disabled_at: null, created_at: new Date().toISOString() } as never)
    .execute();
  for (const account of accounts) {
    await api.db.insertInto('memberships').values({ account_id: account, user_id: id, role: 'user', created_at: new Date().toISOString() }).execute();
  }
  return tokenFor(api.db, email);
}

beforeAll(async () => {
  api = await createTestApi();
  [acme, globex] = await Promise.all(['Acme Corp', 'Globex SARL'].map((n) => api.accountId(n)));
  const bobId = (await api.db.selectFrom('users').select('id').where('email', '=', 'bob@acme.test').executeTakeFirstOrThrow()).id;
  await api.db.insertInto('memberships').values({ account_id: globex, user_id: bobId, role: 'user', created_at: new Date().toISOString() }).execute();
  const [ada, bob, chloe] = await Promise.all(['ada@acme.test', 'bob@acme.test', 'chloe@globex.test'].map((e) => tokenFor(api.db, e)));
  t = { ada, bob, chloe, dan: await addUser('dan@acme.test', 'Dan Brown', 'en', [acme]), eve: await addUser('eve@acme.test', 'Ève Martin', 'fr', [acme]) };
});
afterAll(() => api.close());

const propose = (account: string, token: string, body: unknown) => api.request('POST', `/accounts/${account}/proposals`, { token, body });
const page = async (account: string, token: string) => (await api.request('GET', `/accounts/${account}/billing`, { token })).body;
const outboxTo = (to: string) => api.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();
const audit = (action: string, target: string) =>
  api.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target', '=', target).orderBy('at').orderBy('id').execute();
const approve = (account: string, pid: string, token: string, etag?: string) =>
  api.request('POST', `/accounts/${account}/proposals/${pid}/approve`, { token, headers: etag ? { 'if-match': etag } : {} });

describe('proposing (a member who is not the holder)', () => {
  it('answers 201 with the changes before and after (phones in E.164), leaves the page as it was, audits and mails the holder', async () => {
    const before = await page(acme, t.ada);
    const res = await propose(acme, t.bob, { changes: { contact: { phone: '(415) 555-0199' } }, note: 'Our new switchboard' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      proposedBy: { name: 'Bob Marley' },
      changes: [{ field: 'contact.phone', before: before.contact.phone, after: '+14155550199' }],
      note: 'Our new switchboard',
      baseVersion: before.version,
      changeRequest: null,
    });
    expect((await page(acme, t.ada)).version).toBe(before.version);
    expect(await audit('proposal.submitted', res.body.id)).toHaveLength(1);
    const [mail] = (await outboxTo('ada@acme.test')).filter((m) => m.subject.includes('proposed'));
    expect(mail.content_language).toBe('en');
    expect(mail.text_body).toContain('Bob Marley, a user of Acme Corp, proposes');
    expect(mail.text_body).toContain(`Company phone: ${before.contact.phone} → +14155550199`);
    expect(mail.text_body).toContain('Our new switchboard');
    await api.request('POST', `/accounts/${acme}/proposals/${res.body.id}/withdraw`, { token: t.bob });
  });

  it('refuses the holder with 409 holder_edits_directly, and outsiders with 404', async () => {
    const body = { changes: { contact: { companyName: 'Acme Holdings' } } };
    expect((await propose(acme, t.ada, body)).body.code).toBe('holder_edits_directly');
    expect((await propose(acme, t.chloe, body)).status).toBe(404);
  });

  it('validates as a PATCH does, naming the field under `changes`, and refuses a proposal that changes nothing', async () => {
    const current = await page(acme, t.ada);
    const cases: Array<[unknown, string]> = [
      [{ changes: { contact: { phone: '12' } } }, 'changes.contact.phone'],
      [{ changes: { contact: { email: 'not-an-email' } } }, 'changes.contact.email'],
      [{ changes: { contact: { shoeSize: 44 } } }, 'changes.contact.shoeSize'],
      [{ changes: { billing: { vatId: 'FR123', address: { country: 'FR' } } } }, 'changes.billing.vatId'],
      [{ changes: { contact: { companyName: 'A\u202eB' } } }, 'changes.contact.companyName'],
      [{ changes: {} }, 'changes'],
      [{ changes: { contact: { companyName: current.contact.companyName } } }, 'changes'],
      [{ changes: { contact: { companyName: 'X' } }, note: 'a\u0000b' }, 'note'],
    ];
    for (const [body, path] of cases) {
      const res = await propose(acme, t.bob, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe('the limit of 3 pending proposals per member', () => {
  it('lets exactly 3 of 12 parallel proposals through, and one more after a withdrawal', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => propose(acme, t.dan, { changes: { contact: { firstName: `Name${i}` } } })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(9).fill('proposal_limit_reached'));
    const withdrawn = await api.request('POST', `/accounts/${acme}/proposals/${created[0].body.id}/withdraw`, { token: t.dan });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await propose(acme, t.dan, { changes: { contact: { firstName: 'Again' } } })).status).toBe(201);
    expect((await propose(acme, t.dan, { changes: { contact: { firstName: 'Fourth' } } })).body.code).toBe('proposal_limit_reached');
  });
});

describe('listing', () => {
  it('shows the holder every proposal, a member only their own, newest first, paged without overlap', async () => {
    const holder = (await api.request('GET', `/accounts/${acme}/proposals?status=pending`, { token: t.ada })).body.items;
    expect(new Set(holder.map((p: { proposedBy: { name: string } }) => p.proposedBy.name))).toEqual(new Set(['Dan Brown']));
    const bobs = (await api.request('GET', `/accounts/${acme}/proposals`, { token: t.bob })).body.items;
    expect(bobs.length).toBeGreaterThan(0);
    expect(bobs.every((p: { proposedBy: { name: string } }) => p.proposedBy.name === 'Bob Marley')).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.request('GET', `/accounts/${acme}/proposals?limit=2${q}`, { token: t.ada });
      seen.push(...res.body.items.map((p: { id: string }) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = (await api.request('GET', `/accounts/${acme}/proposals?limit=100`, { token: t.ada })).body.items.map((p: { id: string }) => p.id);
    expect(seen).toEqual(all);
    expect((await api.request('GET', `/accounts/${acme}/proposals?cursor=nope`, { token: t.ada })).status).toBe(400);
    expect((await api.request('GET', `/accounts/${acme}/proposals`, { token: t.chloe })).status).toBe(404);
  });
});

describe('approving', () => {
  it('needs If-Match (428), answers 412 with the current page and the changes when stale, then applies it as a PATCH', async () => {
    const p = (await propose(acme, t.bob, { changes: { contact: { phone: '+1 415 555 0142' } } })).body;
    const seen = await page(acme, t.ada);
    expect((await approve(acme, p.id, t.ada)).body.code).toBe('precondition_required');
    // Someone saves the page in between: the holder must decide again against it.
    const saved = await api.request('PATCH', `/accounts/${acme}/billing`, { token: t.ada, body: { contact: { lastName: 'King' } }, headers: { 'if-match': `"${seen.version}"` } });
    expect(saved.status).toBe(200);
    const stale = await approve(acme, p.id, t.ada, `"${seen.version}"`);
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ version: seen.version + 1, contact: { lastName: 'King' } });
    expect(stale.body.changes).toEqual(p.changes);
    expect(stale.headers.get('etag')).toBe(`"${seen.version + 1}"`);
    expect((await api.request('GET', `/accounts/${acme}/proposals/${p.id}`, { token: t.ada })).status).toBe(404); // no such route: list only
    const ok = await approve(acme, p.id, t.ada, stale.headers.get('etag')!);
    expect(ok.status).toBe(200);
    expect(ok.body.proposal).toMatchObject({ id: p.id, status: 'approved' });
    expect(ok.body.page.contact).toMatchObject({ phone: '+14155550142', lastName: 'King' });
    expect(ok.headers.get('etag')).toBe(`"${ok.body.page.version}"`);
    // Both see it.
    expect((await page(acme, t.bob)).contact.phone).toBe('+14155550142');
    expect((await audit('proposal.approved', p.id))[0].actor_label).toBe('ada@acme.test');
    const mail = (await outboxTo('bob@acme.test')).find((m) => m.subject.includes('approved'));
    expect(mail?.text_body).toContain('Company phone:');
    expect(mail?.text_body).toContain('→ +14155550142');
    expect((await approve(acme, p.id, t.ada, '*')).body.code).toBe('already_resolved');
  });

  it('approves at most once under parallel approvals, and a withdrawal racing them leaves one outcome', async () => {
    const p = (await propose(acme, t.bob, { changes: { contact: { firstName: 'Robert' } } })).body;
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => approve(acme, p.id, t.ada, '*')),
      api.request('POST', `/accounts/${acme}/proposals/${p.id}/withdraw`, { token: t.bob }),
    ]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'already_resolved')).toBe(true);
    const outcome = ok[0].body.proposal?.status ?? ok[0].body.status;
    const entries = [...(await audit('proposal.approved', p.id)), ...(await audit('proposal.withdrawn', p.id))];
    expect(entries).toHaveLength(1);
    expect((await page(acme, t.ada)).contact.firstName === 'Robert').toBe(outcome === 'approved');
  });
});

describe('declining and withdrawing', () => {
  it('declines with a reason (required), mails the proposer in their language, and only once', async () => {
    const p = (await propose(acme, t.eve, { changes: { contact: { companyName: 'Acme Holdings' } } })).body;
    const decline = (body: unknown) => api.request('POST', `/accounts/${acme}/proposals/${p.id}/decline`, { token: t.ada, body });
    expect((await decline({})).body.errors[0].path).toBe('reason');
    expect((await api.request('POST', `/accounts/${acme}/proposals/${p.id}/decline`, { token: t.bob, body: { reason: 'x' } })).status).toBe(403);
    const res = await decline({ reason: 'We keep the legal name.' });
    expect(res.body).toMatchObject({ status: 'declined', declineReason: 'We keep the legal name.' });
    expect((await decline({ reason: 'again' })).body.code).toBe('already_resolved');
    const [mail] = await outboxTo('eve@acme.test');
    expect(mail.content_language).toBe('fr');
    expect(mail.subject).toContain('refusée');
    expect(mail.text_body).toContain("Nom de l'entreprise : Acme Corp → Acme Holdings");
    expect(mail.text_body).toContain('We keep the legal name.');
    expect(await audit('proposal.declined', p.id)).toHaveLength(1);
  });

  it('lets only the proposer withdraw: the holder gets 403 not_proposer, another member 404', async () => {
    const p = (await propose(acme, t.eve, { changes: { contact: { lastName: 'Martin-Durand' } } })).body;
    const withdraw = (token: string) => api.request('POST', `/accounts/${acme}/proposals/${p.id}/withdraw`, { token });
    expect((await withdraw(t.ada)).body.code).toBe('not_proposer');
    expect((await withdraw(t.bob)).status).toBe(404);
    expect((await withdraw(t.eve)).body.status).toBe('withdrawn');
    expect((await withdraw(t.eve)).body.code).toBe('already_resolved');
    expect(await audit('proposal.withdrawn', p.id)).toHaveLength(1);
  });
});

describe('on an invoice-paying account (R6)', () => {
  it('applies contact fields at once and files a change request for the billing phone on the holder’s behalf', async () => {
    const p = (await propose(globex, t.bob, { changes: { contact: { firstName: 'Chloë' }, billing: { phone: '01 42 86 82 99' } } })).body;
    expect(p.changes).toEqual([
      { field: 'contact.firstName', before: 'Chloé', after: 'Chloë' },
      { field: 'billing.phone', before: expect.any(String), after: '+33142868299' },
    ]);
    const before = await page(globex, t.chloe);
    const res = await approve(globex, p.id, t.chloe, `"${before.version}"`);
    expect(res.status).toBe(200);
    expect(res.body.page.contact.firstName).toBe('Chloë');
    expect(res.body.page.billing.phone).toBe(before.billing.phone);
    expect(res.body.proposal.changeRequest.caseNumber).toMatch(/^CR-\d{4}-\d{5}$/);
    const cases = (await api.request('GET', `/accounts/${globex}/change-requests`, { token: t.chloe })).body.items;
    expect(cases[0]).toMatchObject({ status: 'open', contactEmail: 'chloe@globex.test', requested: { phone: '+33142868299' } });
    expect(cases[0].details).toContain('Bob Marley');
  });

  it('while a case is open, refuses the approval with 409 change_request_open and applies nothing (R13)', async () => {
    const p = (await propose(globex, t.bob, { changes: { contact: { lastName: 'Durand' }, billing: { email: 'ap@globex.test' } } })).body;
    const before = await page(globex, t.chloe);
    const res = await approve(globex, p.id, t.chloe, '*');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('change_request_open');
    expect(res.body.openCase.caseNumber).toMatch(/^CR-/);
    expect((await page(globex, t.chloe)).version).toBe(before.version);
    const listed = (await api.request('GET', `/accounts/${globex}/proposals?status=pending`, { token: t.chloe })).body.items;
    expect(listed.map((x: { id: string }) => x.id)).toContain(p.id);
  });
});

describe('in Account activity (issue 16 §1)', () => {
  it('shows each proposal step with its changes, actors by name and role, a decline with its reason', async () => {
    const items: Array<{ action: string; actor: { name?: string; role?: string }; changes?: unknown[]; reason?: string }> = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.request('GET', `/accounts/${acme}/activity?limit=100${q}`, { token: t.ada });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const actions = new Set(items.map((i) => i.action));
    for (const a of ['proposal.submitted', 'proposal.approved', 'proposal.declined', 'proposal.withdrawn']) expect(actions).toContain(a);
    const approved = items.find((i) => i.action === 'proposal.approved' && JSON.stringify(i.changes).includes('+14155550142'));
    expect(approved).toMatchObject({ actor: { type: 'person', name: 'Ada Lovelace', role: 'holder' }, changes: [{ field: 'contact.phone', after: '+14155550142' }] });
    const submitted = items.find((i) => i.action === 'proposal.submitted' && JSON.stringify(i.changes).includes('+14155550142'));
    expect(submitted?.actor).toMatchObject({ name: 'Bob Marley', role: 'user' });
    expect(items.find((i) => i.action === 'proposal.declined' && i.reason === 'We keep the legal name.')).toBeDefined();
    // Members do not see Activity (§1), their own proposals included.
    expect((await api.request('GET', `/accounts/${acme}/activity`, { token: t.bob })).status).toBe(403);
  });
});

describe('mails over SMTP', () => {
  it('reach the holder and the proposer in their own language, with Auto-Submitted and text + HTML parts', async () => {
    await api.db.updateTable('outbox_emails').set({ sent_at: new Date().toISOString() }).where('sent_at', 'is', null).execute();
    const smtp = await startSmtpServer();
    const sender = createMailSender({ db: api.db, delivery: { smtpUrl: smtp.url }, log: () => {} });
    try {
      // Bob proposes on Globex (the holder, Chloé, reads French); Chloé declines (Bob reads English).
      const p = (await propose(globex, t.bob, { changes: { contact: { lastName: 'Dubois <b>&</b>' } }, note: '<script>x</script>' })).body;
      await api.request('POST', `/accounts/${globex}/proposals/${p.id}/decline`, { token: t.chloe, body: { reason: 'Non.' } });
      expect(await sender.deliverDue()).toBe(2);
      const [toHolder, toProposer] = smtp.received;
      expect(toHolder.envelopeTo).toEqual(['chloe@globex.test']);
      expect(toHolder.headers['auto-submitted']).toBe('auto-generated');
      expect(toHolder.headers['content-language']).toBe('fr');
      expect(toHolder.text).toContain('Bob Marley, utilisateur ou utilisatrice de Globex SARL, propose');
      expect(toHolder.html).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(toHolder.html).not.toContain('<script>');
      expect(toProposer.envelopeTo).toEqual(['bob@acme.test']);
      expect(toProposer.headers['content-language']).toBe('en');
      expect(toProposer.headers.subject).toContain('declined');
      expect(toProposer.text).toContain('Non.');
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });
});
