/** Who may edit and read the catalogue (the catalogue's role lists, on identity's scope.ts). */
import type { Role } from '../identity/index.js';

/** Catalogue edits: city admins (and the system: the demo seed, the CLI). */
export const CATALOG_EDITORS: readonly (Role | 'system')[] = ['city_admin'];
/** Budgets are read by the admins, finance and auditors (a district admin: its own district's only). */
export const BUDGET_READERS: readonly Role[] = ['city_admin', 'district_admin', 'finance', 'auditor'];
