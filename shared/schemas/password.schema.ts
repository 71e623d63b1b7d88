// Changing one's own password (POST /me/password); the rules themselves are checked by the server.
import { z } from 'zod';

export const passwordChangeSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'Required').max(1024, 'At most 1024 characters'),
    newPassword: z.string().min(1, 'Required').max(4096, 'Too long'),
  })
  .meta({ id: 'PasswordChange' });

export type PasswordChange = z.input<typeof passwordChangeSchema>;
