/**
 * 考核鉴定 (assessment): classes are assigned to an assessment body (考评安排, by the district or city admin);
 * that body's assessor accounts record a result per trainee (voucher) per assigned class — pass/fail,
 * score, level reached, certificate number and type, date — by API or by a CSV/xlsx sheet (per-row errors,
 * good rows kept). A pass moves the voucher in_training → assessed and opens the subsidy claim (核验); a
 * fail closes the voucher without a claim (flows.ts). Certificates can be looked up by their holder, and
 * publicly by certificate number + name (masked).
 *
 * The module's service, one file per sub-area: assignments.ts, results.ts, certificates.ts; flows.ts (the
 * sequence a result starts in other modules); rows.ts (the results table's views); policy.ts (who may do what).
 */
export { assignClass, listAssignments, withdrawAssignment } from './assignments.js';
export { certificateOfPerson, certificatesOfPerson, importCertificates, listRegistry, lookupCertificate, myCertificates } from './certificates.js';
export { confirmCertificate, configureNationalLookup, setSimulatedNationalOutcome } from './national-lookup.js';
export { IMPORT_MAX_ROWS, importResults, listResults, recordResult } from './results.js';
export type { ResultRow } from './rows.js';
export { CERTIFICATE_TYPES } from './rules.js';
export type { AssignmentView, CertificateView, ImportReport, ResultView } from './schemas.js';
