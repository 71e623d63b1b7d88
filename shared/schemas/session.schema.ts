// Sign-in, the signed-in person and their profiles (product.md §3: /sessions, /me).
import { z } from 'zod';
import { LIMITS } from '../fields';
import { isoDateTime } from './common.schema';
import { roleSchema } from './billing.schema';
import { requiredText } from './common.schema';

export const signInSchema = z
  .strictObject({
    /** Single-line text, not the full mailbox syntax: an address stored before the syntax tightened still signs in. */
    email: requiredText(LIMITS.email),
    /** Any characters (NIST SP 800-63B; docs/decisions.md): it is hashed, never stored, printed or mailed. */
    password: z.string().min(1, 'Required').max(1024),
  })
  .meta({ id: 'SignIn' });

export const localeSchema = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof localeSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: localeSchema,
    isSupport: z.boolean(),
  })
  .meta({ id: 'User' });

export const profileSchema = z
  .object({ accountId: z.string(), companyName: z.string(), role: roleSchema })
  .meta({ id: 'Profile' });

export type Profile = z.infer<typeof profileSchema>;

export const meSchema = z.object({ user: userSchema, profiles: z.array(profileSchema) }).meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const sessionCreatedSchema = z
  .object({
    token: z.string(),
    expiresAt: isoDateTime(),
    user: userSchema,
    profiles: z.array(profileSchema),
  })
  .meta({ id: 'SessionCreated' });
export type SessionCreated = z.infer<typeof sessionCreatedSchema>;
