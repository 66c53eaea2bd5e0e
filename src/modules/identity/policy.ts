/** Who may do what with accounts (identity's role lists), on the one policy layer, scope.ts. */
import { ROLES, type Role } from './actor.js';

/** Staff roles: every role but the worker, who signs in through the e-SSC. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'worker');
/** The roles of an organisation's staff (their account names the organisation). */
export const ORG_STAFF_ROLES: readonly Role[] = ['provider', 'enterprise', 'assessor', 'hospital'];
/** Who creates and manages accounts. */
export const ACCOUNT_ADMINS: readonly Role[] = ['city_admin'];
/** Who lists accounts. */
export const ACCOUNT_READERS: readonly Role[] = ['city_admin', 'auditor'];
