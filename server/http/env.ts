// What every request can reach: the dependencies of the app and who is calling.
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Role } from '../../shared/api-types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Readiness } from '../observability/readiness';

export interface Deps {
  db: Kysely<Database>;
  config: Config;
  /** The clock, replaceable in tests. */
  now: () => Date;
  /** The process's logger and metrics; createApp gives a silent logger and a registry of its own when absent. */
  logger?: Logger;
  metrics?: Metrics;
  /** Start-up and shut-down state for GET /ready; absent means ready (in-process tests). */
  readiness?: Readiness;
}

export interface Principal {
  sessionId: string;
  user: { id: string; email: string; name: string; locale: 'en' | 'fr'; isSupport: boolean };
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    principal: Principal;
    /** Set by the member and holder policies: the caller's role on the account in the path. */
    role: Role;
    /** X-Request-Id of this request (server/observability/request-log.ts). */
    requestId: string;
    /** The headers every answer to this request carries (security headers, X-Request-Id), as one plain record (http/request-frame.ts). */
    responseHeaders: Record<string, string>;
  };
}
