// Table types for Kysely: one interface per table, snake_case as stored. Times are ISO 8601 text.
import type { Kysely, Transaction } from 'kysely';

/** 0 or 1: booleans are integers so SQLite and PostgreSQL store them alike. */
export type Flag = number;

/**
 * Integer minor units of the row's ISO 4217 currency. `bigint` on PostgreSQL (64-bit like SQLite's
 * integer), read back as an exact number (server/db/pg-types.ts); input limits keep it within 2^53 − 1.
 */
export type MinorUnits = number;

/** A count (seats, quantity): `bigint` on PostgreSQL like money, read back as a number. */
export type Count = number;

export interface UsersTable {
  id: string;
  /** As the person gave it (trimmed, domain lower-cased): for display and mail. */
  email: string;
  /** emailKey(email) (shared/identity-key.ts): unique; the only column people are looked up by. */
  email_key: string;
  name: string;
  locale: 'en' | 'fr';
  password_hash: string;
  is_support: Flag;
  disabled_at: string | null;
  created_at: string;
}

export interface AccountsTable {
  id: string;
  company_name: string;
  contact_first_name: string;
  contact_last_name: string;
  contact_email: string;
  contact_phone: string;
  contact_line1: string;
  contact_line2: string | null;
  contact_city: string;
  contact_region: string | null;
  contact_postal_code: string | null;
  contact_country: string;
  billing_email: string;
  billing_phone: string;
  billing_vat_id: string | null;
  billing_line1: string;
  billing_line2: string | null;
  billing_city: string;
  billing_region: string | null;
  billing_postal_code: string | null;
  billing_country: string;
  payment_type: 'card' | 'invoice';
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  currency: string;
  /** Tax rate in basis points (2000 = 20 %). */
  tax_rate_bp: number;
  /** Language of billing mails and documents; null = the holder's language (server/invoices/invoice-language.ts). */
  invoice_language: 'en' | 'fr' | null;
  /** JSON array of 0–5 extra addresses that get the billing mails, as typed; '[]' when none. */
  invoice_recipients: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  account_id: string;
  user_id: string;
  role: 'holder' | 'user';
  created_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface SubscriptionsTable {
  id: string;
  account_id: string;
  product: string;
  seats: Count;
  unit_price: MinorUnits;
  currency: string;
  billing_interval: 'month' | 'year';
  status: 'active' | 'canceled';
  current_period_start: string;
  current_period_end: string;
  cancel_at_period_end: Flag;
  created_at: string;
  canceled_at: string | null;
}

export interface InvoicesTable {
  id: string;
  account_id: string;
  subscription_id: string;
  number: string;
  issued_at: string;
  period_start: string;
  period_end: string;
  subtotal: MinorUnits;
  tax: MinorUnits;
  tax_rate_bp: number;
  total: MinorUnits;
  currency: string;
  status: 'open' | 'paid';
  paid_at: string | null;
  charge_id: string | null;
  receipt_number: string | null;
  payment_method_text: string | null;
  /** JSON: the bill-to details as they were at issue (R8). */
  bill_to: string;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: Count;
  unit_amount: MinorUnits;
  amount: MinorUnits;
  period_start: string;
  period_end: string;
}

export interface NumberSequencesTable {
  name: string;
  year: number;
  value: number;
}

export interface ChangeRequestsTable {
  id: string;
  account_id: string;
  case_number: string;
  status: 'open' | 'completed' | 'rejected' | 'withdrawn';
  created_by: string;
  contact_email: string;
  /** JSON {address, phone, email} */
  current: string;
  /** JSON {address, phone, email} */
  requested: string;
  /** JSON {address, phone, email}: what the account held when the case was filed (R13); null before 2026-11-30. */
  account_at_filing: string | null;
  details: string;
  created_at: string;
  expected_from: string;
  expected_by: string;
  resolved_at: string | null;
  resolved_by: string | null;
  reject_reason: string | null;
}

export interface ProposalsTable {
  id: string;
  account_id: string;
  proposed_by: string;
  status: 'pending' | 'approved' | 'declined' | 'withdrawn';
  /** 1..3 while pending, null after (the per-member limit, held by a unique index). */
  pending_slot: number | null;
  /** JSON: the normalized Billing page PATCH body of the fields the proposal changes. */
  patch: string;
  /** JSON [{field, before, after}] as read when it was submitted. */
  changes: string;
  note: string | null;
  base_version: number;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  decline_reason: string | null;
  /** The change request filed on approval (invoice payers' billing address, phone, e-mail; R6). */
  change_request_id: string | null;
}

export interface OutboxEmailsTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  message_id: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
  /** The HTML part, made from the same template as `text_body`; null on mails queued before it existed. */
  html_body: string | null;
  /** BCP 47 tag of the mail's language (`en`, `fr`), sent as Content-Language. */
  content_language: string | null;
  /** The sender holding the claim until `next_attempt_at` (its lease); null when nobody does. */
  claimed_by: string | null;
  /** JSON `{ kind: 'invoice' | 'receipt', accountId, invoiceId }`: the PDF rendered and attached at delivery; null for none. */
  attachment: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  account_id: string | null;
  target: string | null;
  /** JSON of the changed fields before, or null. */
  before: string | null;
  after: string | null;
  /** The caller's address for entries a request caused (sign-ins, refusals), else null. */
  client_address: string | null;
  /** 1 when Account activity shows the entry (server/activity/activity-actions.ts), else 0. */
  in_activity: Flag;
}

export interface LoginFailuresTable {
  id: string;
  /** `account:<e-mail>` or `client:<address>` */
  key: string;
  at: string;
}

export interface Database {
  users: UsersTable;
  accounts: AccountsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  subscriptions: SubscriptionsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  number_sequences: NumberSequencesTable;
  change_requests: ChangeRequestsTable;
  proposals: ProposalsTable;
  outbox_emails: OutboxEmailsTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailuresTable;
}

export type Db = Kysely<Database> | Transaction<Database>;
