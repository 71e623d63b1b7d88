// Command-line values are single-line text like any API field: a control character or bidi override is refused, naming the flag.
import { MULTI_LINE_FORBIDDEN, SINGLE_LINE_FORBIDDEN } from '../../shared/fields';

/**
 * The first flag (`--name`) or positional (`argument 2`) holding a character no single-line field may
 * hold (shared/fields.ts), or undefined. Flags named in `multiLine` may hold line feeds. Checked before
 * any value reaches a query (PostgreSQL refuses NUL) or the audit log (`--actor`).
 */
export function forbiddenArgument(
  values: Record<string, unknown>,
  positionals: string[],
  multiLine: ReadonlySet<string> = new Set(),
): string | undefined {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' && (multiLine.has(name) ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value)) return `--${name}`;
  }
  const i = positionals.findIndex((p) => SINGLE_LINE_FORBIDDEN.test(p));
  return i < 0 ? undefined : `argument ${i + 1}`;
}
