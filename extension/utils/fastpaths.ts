// The four fastpaths (R9): the page each opens, its label, whether it is holder-only, its shortcut command.
import type { Profile } from '../../shared/api-types';
import type { MessageKey } from './i18n/i18n';
import type { ExtensionPage, PageParams } from './background/tabs';

export type FastpathId = 'billing' | 'history' | 'receipt' | 'subscriptions';

export interface Fastpath {
  id: FastpathId;
  page: ExtensionPage;
  label: MessageKey;
  /** Billing History, receipts and subscriptions are for the account holder only (R4, R11). */
  holderOnly: boolean;
  params?: PageParams;
  /** The manifest `commands` entry that opens it (see wxt.config.ts). */
  command: string;
}

export const FASTPATHS: readonly Fastpath[] = [
  { id: 'billing', page: 'billing', label: 'popup.billing', holderOnly: false, command: 'open-billing' },
  { id: 'history', page: 'billing-history', label: 'popup.history', holderOnly: true, command: 'open-billing-history' },
  // The receipt page resolves the latest paid invoice and prints itself once it is on screen (R10).
  {
    id: 'receipt',
    page: 'receipt',
    label: 'popup.receipt',
    holderOnly: true,
    params: { latest: '1', print: '1' },
    command: 'print-latest-receipt',
  },
  { id: 'subscriptions', page: 'subscriptions', label: 'popup.subscriptions', holderOnly: true, command: 'open-subscriptions' },
];

export function fastpathById(id: FastpathId): Fastpath {
  return FASTPATHS.find((f) => f.id === id)!;
}

export function fastpathForCommand(command: string): Fastpath | undefined {
  return FASTPATHS.find((f) => f.command === command);
}

/** Whether the profile may use a fastpath: members only reach Billing (read-only there, R3). */
export function mayOpen(fastpath: Fastpath, role: Profile['role'] | undefined): boolean {
  return role === 'holder' || (role === 'user' && !fastpath.holderOnly);
}
