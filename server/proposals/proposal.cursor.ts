// Opaque keyset cursors for the proposals list: the (created_at, id) of the last proposal a page showed.
import { invalid } from '../http/api-error';

export interface ProposalKeyset {
  createdAt: string;
  id: string;
}

export const encodeProposalCursor = (k: ProposalKeyset) => Buffer.from(JSON.stringify(['pr', k.createdAt, k.id])).toString('base64url');

/** The keyset a cursor names; 400 `query.cursor` for anything this API did not give out. */
export function decodeProposalCursor(cursor: string): ProposalKeyset {
  try {
    const [tag, createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (tag === 'pr' && typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the 400 below
  }
  throw invalid('query.cursor', 'Not a cursor this API gave out');
}
