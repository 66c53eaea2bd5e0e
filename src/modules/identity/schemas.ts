/** The identity module's API shapes (zod); the server's view types are derived from them. */
import { z } from 'zod';
import { ROLES } from './actor.js';

/** An account as the API shows it (identity's and the orgs module's account routes). */
export const AccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  districtCode: z.string().nullable(),
  orgId: z.string().nullable(),
  personId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  locked: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;
