// What every request can reach: the dependencies of the app and who is calling.
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Role } from '../../shared/api-types';

export interface Deps {
  db: Kysely<Database>;
  config: Config;
  /** The clock, replaceable in tests. */
  now: () => Date;
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
  };
}
