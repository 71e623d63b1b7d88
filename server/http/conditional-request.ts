// If-Match (RFC 9110 §13.1.1): parsing the header and the strong comparison of entity tags.
import { z } from 'zod';
import { FORBIDDEN_CHARACTER_MESSAGE, SINGLE_LINE_FORBIDDEN } from '../../shared/fields';
import { ApiError, invalid } from './api-error';

/** The If-Match request header of the routes that change the Billing page (PATCH, approving a proposal). */
export const ifMatchHeaders = z.object({
  // A list of tags may be long, and RFC 9110's list whitespace includes HTAB: allow it here only.
  'if-match': z
    .string()
    .max(4096, { message: 'At most 4096 characters', abort: true })
    .refine((v) => !SINGLE_LINE_FORBIDDEN.test(v.replace(/\t/g, ' ')), { message: FORBIDDEN_CHARACTER_MESSAGE, abort: true })
    .optional()
    .meta({ description: '`*` or the ETag(s) of the page edited, e.g. `"7"`; strong comparison (RFC 9110 §13.1.1). Without it: 428' }),
});

/** `*`, or the entity tags listed, each with its weakness and opaque part (quotes included). */
export type IfMatch = { any: true } | { any: false; tags: { weak: boolean; opaque: string }[] };

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3).
const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;

/**
 * Parses If-Match. Missing or blank → 428 precondition_required (R: the Billing page is saved only
 * against a version the editor saw). `*` or a comma-separated list of entity tags (empty list elements
 * allowed, RFC 9110 §5.6.1) → the condition. Anything else — not a tag at all — → 400 naming the header.
 * A well-formed tag that matches nothing is not an error here: evaluating it gives 412.
 */
export function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new ApiError('precondition_required', 'Send If-Match with the ETag of the page you edited.');
  }
  if (header.trim() === '*') return { any: true };
  const tags: { weak: boolean; opaque: string }[] = [];
  for (const element of header.split(',')) {
    const item = element.trim();
    if (item === '') continue;
    const m = ENTITY_TAG.exec(item);
    if (!m) throw invalid('headers.if-match', 'Must be "*" or entity tags such as "7", separated by commas');
    tags.push({ weak: m[1] !== undefined, opaque: m[2] });
  }
  if (tags.length === 0) throw invalid('headers.if-match', 'Must be "*" or entity tags such as "7", separated by commas');
  return { any: false, tags };
}

/**
 * Whether the condition holds for the current representation, whose strong tag is `currentTag`
 * (e.g. `"7"`). `*` holds for any existing representation; a tag list holds when one tag matches
 * under the strong comparison, so a weak tag (`W/"7"`) never does (RFC 9110 §8.8.3.2, §13.1.1).
 */
export function ifMatchHolds(condition: IfMatch, currentTag: string): boolean {
  if (condition.any) return true;
  return condition.tags.some((tag) => !tag.weak && tag.opaque === currentTag);
}

/** The strong entity tag of a version number: 7 → `"7"`. */
export const versionTag = (version: number) => `"${version}"`;
