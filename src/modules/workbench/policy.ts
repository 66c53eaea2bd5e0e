/** Who reaches the workbench: every staff role, each in its own scope (identity/scope.ts); workers are refused (403). */
import type { Role } from '../identity/index.js';
import { STAFF_ROLES } from './rules.js';

/** The roles with a workbench. */
export const WORKBENCH_ROLES: readonly Role[] = STAFF_ROLES;
