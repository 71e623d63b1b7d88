// The caller's address: the socket's peer, or — only when TRUST_PROXY is on — what our proxy appended.
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    // The proxy appends the peer it saw, so the last entry is the only one it vouches for.
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

/**
 * The unit a throttle counts by: an IPv4 address as is (an IPv4-mapped IPv6 address as its IPv4), an
 * IPv6 address as its /64 prefix, since one subscriber is routinely given a whole /64 (RFC 6177) and
 * could otherwise take a fresh address for every guess. Anything else (e.g. "unknown") as is.
 */
export function throttleBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const rightCount = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0); // a dotted IPv4 tail is two groups
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - rightCount).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
