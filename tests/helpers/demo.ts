// The demo password hashed once per test process (scrypt at full cost is deliberately slow).
import { hashPassword } from '../../server/auth/password';
import { DEMO_PASSWORD } from '../../server/demo/demo.seed';

let hash: Promise<string> | undefined;

export const demoPasswordHash = () => (hash ??= hashPassword(DEMO_PASSWORD));
