// Refuses a request whose path or query string decodes to control characters or bidi overrides (CWE-150), before routing.
import { FORBIDDEN_CHARACTER_MESSAGE, SINGLE_LINE_FORBIDDEN } from '../../shared/fields';
import { invalid } from './api-error';

/**
 * What routing will see: each run of escapes decoded on its own, as Hono's router does. Decoding the
 * whole segment would give up on one malformed escape (`%00%ZZ`) and let a good `%00` beside it through.
 */
function decoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Bytes that are not UTF-8 as a run: decode the single-byte ones, which is where controls live.
      return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/**
 * Throws a 400 naming `path` or `query.<name>` when a percent-escape in the URL decodes to a character no single-line
 * field may hold (shared/fields.ts). It runs before the policy middleware, so no such value reaches a
 * database query (PostgreSQL refuses NUL with an error), the audit log or a terminal (called by request-frame.ts). The schemas of each
 * route refuse the same characters; this guard also covers paths no route matches.
 */
export function refuseControlCharactersInUrl(url: string): void {
  if (url.indexOf('%') < 0) return; // Node's HTTP parser already refuses raw control bytes in a URL.
  const q = url.indexOf('?');
  const pathname = url.slice(url.indexOf('/', url.indexOf('//') + 2), q < 0 ? undefined : q);
  if (pathname.split('/').some((segment) => SINGLE_LINE_FORBIDDEN.test(decoded(segment)))) {
    throw invalid('path', FORBIDDEN_CHARACTER_MESSAGE);
  }
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
      const badKey = SINGLE_LINE_FORBIDDEN.test(key);
      if (badKey || SINGLE_LINE_FORBIDDEN.test(value)) throw invalid(badKey ? 'query' : `query.${key}`, FORBIDDEN_CHARACTER_MESSAGE);
    }
  }
}
