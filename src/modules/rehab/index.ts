/** The rehab module's public face (work-injury inpatient rehabilitation, issue 18). Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { configureRecognitionSystem, RecognitionSimulator, simulator as recognitionSimulator, syncRecognitions } from './district-system.js';
export type { RecognitionSystem } from './district-system.js';
export type { RecognitionInput } from './recognitions.js';
export { FINISHED_CASE_STATUSES, rehabCaseServed } from './served.js';
export { CONDITIONS, checkEligibility, proposePlacement, sniffType } from './rules.js';
export { caseAppealFacts, reopenRefusedCase } from './reopen.js';
export type { CaseAppealFacts } from './reopen.js';
// timelines (issue 20): one case in the caller's scope, and who reads cases
export { getCase } from './cases.js';
export type { CaseView } from './rows.js';
export { CASE_READERS } from './policy.js';
export { countCasesToDecide, countExtensionsToDecide, countPatientsToAdmit, countRetrainingVouchersToIssue } from './todos.js';
