// Finds which methods a path does answer to, so a wrong method gets 405 with Allow instead of 404.
interface RouteLike {
  method: string;
  path: string;
}

const patternCache = new Map<string, RegExp>();

function patternOf(path: string): RegExp {
  let re = patternCache.get(path);
  if (!re) {
    const source = path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    // Exactly the path: Hono routes strictly, so `/x/` is not `/x` and gets 404, never a 405 whose
    // Allow would list the very method just refused.
    re = new RegExp(`^${source}$`);
    patternCache.set(path, re);
  }
  return re;
}

export function allowedMethods(routes: readonly RouteLike[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    if (patternOf(r.path).test(path)) methods.add(r.method.toUpperCase());
  }
  // Hono answers HEAD with the GET handler (headers only), so HEAD is allowed wherever GET is (RFC 9110 §9.3.2).
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
