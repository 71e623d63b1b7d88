// One bounded autocannon run on loopback, reduced to what the report needs: ok req/s, p50, p99, failures.
import autocannon from 'autocannon';

export interface LoadTarget {
  name: string;
  url: string;
  method?: 'GET' | 'POST' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** Per-request hooks, e.g. to send a fresh If-Match on every PATCH. */
  requests?: autocannon.Request[];
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export async function runLoad(target: LoadTarget, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    requests: target.requests,
    connections: target.connections ?? 50,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
  });
  const ok = result['2xx'];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors,
  };
}
