/**
 * The staff workbench (工作台): the caller's to-dos with counts, in the caller's scope. A read-only aggregator:
 * each count is asked of the module that owns the work, through its public face.
 */
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import * as appeals from '../appeals/index.js';
import * as assessment from '../assessment/index.js';
import * as attendance from '../attendance/index.js';
import * as rehab from '../rehab/index.js';
import { scopeOf, type Actor, type Scope } from '../identity/index.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { WORKBENCH_ROLES } from './policy.js';
import { REPORT_DUE_WITHIN_DAYS, todoLink, todosFor, type TodoKind } from './rules.js';
import type { Todo, Workbench } from './schemas.js';

type Count = number | { count: number; groups: number };

/** How each to-do is counted (the owning module's function, in the caller's scope). */
function counter(kind: TodoKind, actor: Actor, scope: Scope, q: Queryable, at: Date): Promise<Count> {
  switch (kind) {
    case 'CLAIMS_TO_REVIEW':
      return subsidy.countClaimsInReview(q, scope);
    case 'FLAGS_TO_REVIEW':
      return attendance.countFlagsToReview(q, scope);
    case 'OBJECTIONS_TO_HANDLE':
      return subsidy.countOpenObjections(q, scope);
    case 'OPENING_REPORTS_DUE':
      return training.countOpeningReportsDue(q, scope, at, REPORT_DUE_WITHIN_DAYS);
    case 'CLASSES_TO_ASSIGN':
      return training.countClassesWithoutAssessor(q, scope, assessment.hasLiveAssignmentSql);
    case 'BUDGETS_MISSING':
      return subsidy.countBudgetsMissing(q, scope).then((b) => ({ count: b.claims, groups: b.budgets }));
    case 'ISSUANCES_TO_RUN':
      return vouchers.countIssuancesToRun(q, scope);
    case 'BATCHES_TO_APPROVE':
      return subsidy.countBatchesToApprove(q, actor.accountId);
    case 'BANK_RESULTS_TO_IMPORT':
      return subsidy.countBankResultsToImport(q);
    case 'FAILED_PAYMENTS':
      return subsidy.countFailedPayments(q, scope);
    case 'REGISTRATIONS_PENDING':
      return training.countPendingRegistrations(q, scope);
    case 'RESULTS_TO_RECORD':
      return scope.kind === 'org' ? assessment.countClassesAwaitingResults(q, scope.orgId) : Promise.resolve(0);
    case 'APPEALS_DUE':
      return appeals.countAppealsDue(q, scope, at);
    case 'REHAB_TO_DECIDE':
      return rehab.countCasesToDecide(q, scope);
    case 'REHAB_EXTENSIONS':
      return rehab.countExtensionsToDecide(q, scope);
    case 'REHAB_TO_ADMIT':
      return rehab.countPatientsToAdmit(q, scope);
    case 'REHAB_VOUCHERS_TO_ISSUE':
      return rehab.countRetrainingVouchersToIssue(q, scope);
  }
}

/** The caller's workbench: its role's to-dos, each counted in its scope, with the page each leads to. */
export async function workbench(actor: Actor, q: Queryable, at: Date = clockNow()): Promise<Workbench> {
  const scope = scopeOf(actor, WORKBENCH_ROLES, 'the workbench is for staff');
  const todos: Todo[] = [];
  // one after another: on PGlite the queries queue anyway, and on a pool this keeps one connection per request
  for (const kind of todosFor(actor.role)) {
    const c = await counter(kind, actor, scope, q, at);
    const link = todoLink(kind, actor.role);
    todos.push(typeof c === 'number' ? { kind, count: c, link } : { kind, count: c.count, groups: c.groups, link });
  }
  return {
    role: actor.role,
    scope: {
      kind: scope.kind,
      districtCode: scope.kind === 'district' ? scope.districtCode : null,
      orgId: scope.kind === 'org' ? scope.orgId : null,
    },
    dueWithinDays: REPORT_DUE_WITHIN_DAYS,
    todos,
    total: todos.reduce((s, t) => s + t.count, 0),
  };
}
