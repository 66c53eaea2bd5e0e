import { describe, expect, it } from 'vitest';
import { ROLES } from '../identity/index.js';
import { STAFF_ROLES, TODO_KINDS, TODOS_BY_ROLE, todoLink, todosFor } from './rules.js';

describe('workbench rules', () => {
  it('every staff role has a workbench; workers none', () => {
    expect(new Set(STAFF_ROLES)).toEqual(new Set(ROLES.filter((r) => r !== 'worker')));
    expect(todosFor('worker')).toEqual([]);
    expect(todosFor('nobody')).toEqual([]);
  });

  it.each([
    ['CLAIMS_TO_REVIEW', 'district_admin', '/claims?status=in_review'],
    ['BUDGETS_MISSING', 'city_admin', '/claims?reason=NO_BUDGET'],
    ['FLAGS_TO_REVIEW', 'district_admin', '/check-in-flags'],
    ['OPENING_REPORTS_DUE', 'provider', '/classes?state=draft'],
    ['BATCHES_TO_APPROVE', 'finance', '/batches?status=draft'],
    ['BANK_RESULTS_TO_IMPORT', 'finance', '/batches?status=file_ready'],
    ['ISSUANCES_TO_RUN', 'enterprise', '/custom-issuance'],
    ['ISSUANCES_TO_RUN', 'district_admin', '/issuances'],
    ['RESULTS_TO_RECORD', 'assessor', '/results'],
    ['OBJECTIONS_TO_HANDLE', 'auditor', '/objections'],
  ] as const)('%s for %s leads to %s', (kind, role, link) => {
    expect(todoLink(kind, role)).toBe(link);
  });

  it('each kind is listed by some role, and no role lists one twice', () => {
    const listed = new Set(Object.values(TODOS_BY_ROLE).flat());
    for (const k of TODO_KINDS) expect(listed.has(k), k).toBe(true);
    for (const [role, kinds] of Object.entries(TODOS_BY_ROLE)) expect(new Set(kinds).size, role).toBe(kinds.length);
  });
});
