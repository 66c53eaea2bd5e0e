/**
 * The staff workbench (工作台, issue 17): which to-dos each role sees and where each leads. Pure data and
 * functions; the service counts them in the caller's scope.
 */
import type { Role } from '../identity/index.js';

/** The to-dos, by stable code (the web names them from its catalogue: workbench.todo.<code>). */
export const TODO_KINDS = [
  'CLAIMS_TO_REVIEW',
  'FLAGS_TO_REVIEW',
  'OPENING_REPORTS_DUE',
  'OBJECTIONS_TO_HANDLE',
  'CLASSES_TO_ASSIGN',
  'BUDGETS_MISSING',
  'ISSUANCES_TO_RUN',
  'BATCHES_TO_APPROVE',
  'BANK_RESULTS_TO_IMPORT',
  'FAILED_PAYMENTS',
  'REGISTRATIONS_PENDING',
  'RESULTS_TO_RECORD',
  'APPEALS_DUE',
  'REHAB_TO_DECIDE',
  'REHAB_EXTENSIONS',
  'REHAB_TO_ADMIT',
  'REHAB_VOUCHERS_TO_ISSUE',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** Opening reports (开班反馈) count as due when their deadline falls within this many days. */
export const REPORT_DUE_WITHIN_DAYS = 3;

/** Each staff role's to-dos, in the order its workbench lists them. Workers have no workbench. */
export const TODOS_BY_ROLE: Readonly<Record<Exclude<Role, 'worker'>, readonly TodoKind[]>> = {
  city_admin: [
    'CLAIMS_TO_REVIEW',
    'FLAGS_TO_REVIEW',
    'OBJECTIONS_TO_HANDLE',
    'OPENING_REPORTS_DUE',
    'CLASSES_TO_ASSIGN',
    'BUDGETS_MISSING',
    'ISSUANCES_TO_RUN',
    'BATCHES_TO_APPROVE',
    'BANK_RESULTS_TO_IMPORT',
    'FAILED_PAYMENTS',
    'APPEALS_DUE',
    'REHAB_VOUCHERS_TO_ISSUE',
  ],
  district_admin: [
    'CLAIMS_TO_REVIEW',
    'FLAGS_TO_REVIEW',
    'OBJECTIONS_TO_HANDLE',
    'OPENING_REPORTS_DUE',
    'CLASSES_TO_ASSIGN',
    'BUDGETS_MISSING',
    'ISSUANCES_TO_RUN',
    'FAILED_PAYMENTS',
    'APPEALS_DUE',
    'REHAB_VOUCHERS_TO_ISSUE',
  ],
  finance: ['BATCHES_TO_APPROVE', 'BANK_RESULTS_TO_IMPORT', 'FAILED_PAYMENTS'],
  provider: ['OPENING_REPORTS_DUE', 'REGISTRATIONS_PENDING', 'ISSUANCES_TO_RUN'],
  enterprise: ['ISSUANCES_TO_RUN'],
  assessor: ['RESULTS_TO_RECORD'],
  // supervision reads the open queues of the whole city (its pages: claims, objections, batches)
  auditor: ['CLAIMS_TO_REVIEW', 'OBJECTIONS_TO_HANDLE', 'BATCHES_TO_APPROVE', 'FAILED_PAYMENTS'],
  // work-injury rehabilitation: the committee decides applications and extensions, the hospital admits
  committee: ['REHAB_TO_DECIDE', 'REHAB_EXTENSIONS'],
  hospital: ['REHAB_TO_ADMIT'],
};

/** The staff roles that have a workbench. */
export const STAFF_ROLES = Object.keys(TODOS_BY_ROLE) as Array<Exclude<Role, 'worker'>>;

/** The to-dos of a role (none for a role without a workbench). */
export const todosFor = (role: string): readonly TodoKind[] => (TODOS_BY_ROLE as Record<string, readonly TodoKind[] | undefined>)[role] ?? [];

/**
 * Where a to-do leads: the web page that lists the work, with its filter preset where the page takes one.
 * Issuances: officers run targeted ones (发放管理), organisations their custom lists (定制发放).
 */
export function todoLink(kind: TodoKind, role: string): string {
  switch (kind) {
    case 'CLAIMS_TO_REVIEW':
      return '/claims?status=in_review';
    case 'FLAGS_TO_REVIEW':
      return '/check-in-flags';
    case 'OBJECTIONS_TO_HANDLE':
      return '/objections';
    case 'OPENING_REPORTS_DUE':
      return '/classes?state=draft';
    case 'CLASSES_TO_ASSIGN':
      return '/assessment/assignments';
    case 'BUDGETS_MISSING':
      return '/claims?reason=NO_BUDGET';
    case 'ISSUANCES_TO_RUN':
      return role === 'provider' || role === 'enterprise' ? '/custom-issuance' : '/issuances';
    case 'BATCHES_TO_APPROVE':
      return '/batches?status=draft';
    case 'BANK_RESULTS_TO_IMPORT':
      return '/batches?status=file_ready';
    case 'FAILED_PAYMENTS':
      return '/claims?status=failed';
    case 'REGISTRATIONS_PENDING':
      return '/classes?state=draft';
    case 'RESULTS_TO_RECORD':
      return '/results';
    case 'APPEALS_DUE':
      return '/appeals?due=soon';
    case 'REHAB_TO_DECIDE':
      return '/rehab/cases?status=submitted';
    case 'REHAB_EXTENSIONS':
      return '/rehab/cases?pending=extension';
    case 'REHAB_TO_ADMIT':
      return '/rehab/cases?status=placed';
    case 'REHAB_VOUCHERS_TO_ISSUE':
      return '/rehab/cases?pending=voucher';
  }
}
