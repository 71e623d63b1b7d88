// Opaque keyset cursors for Billing History: the (issued_at, id) of the last row a page showed.
import { invalid } from '../http/api-error';

export interface Keyset {
  issuedAt: string;
  id: string;
}

export const encodeCursor = (k: Keyset) => Buffer.from(JSON.stringify([k.issuedAt, k.id])).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  try {
    const [issuedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof issuedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(issuedAt))) {
      return { issuedAt, id };
    }
  } catch {
    // falls through to the 400 below
  }
  throw invalid('query.cursor', 'Not a cursor this API gave out');
}
