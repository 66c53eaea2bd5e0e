/**
 * Issuance runs: 精准发放 (targeted: an eligibility rule over the person registry) and 定制发放 (custom: a
 * list uploaded by an enterprise, provider or admin). The parts live in issuance/:
 *
 * - model.ts — the row, its view, the scope of an issuance;
 * - definition.ts — defining, previewing, reading and listing;
 * - statement.ts — the terms snapshot and the one set-based issuing statement;
 * - targeted.ts — running a targeted issuance in resumable chunks (cursor + advisory lock);
 * - custom-list.ts — the uploaded list: parse → validate → ensure persons → issue chunk.
 *
 * Targeted runs are set-based: each chunk is ONE `INSERT … SELECT` over the next range of person ids
 * (keyset on persons.id) with `ON CONFLICT DO NOTHING`, in one transaction together with the progress row
 * and an audit entry. The cursor (last person id of the last committed chunk) makes a run resumable after a
 * crash: the uncommitted chunk rolls back and the next run continues from the cursor; UNIQUE
 * (issuance_id, person_id) makes a re-run never issue twice. A session advisory lock per issuance lets one
 * run at a time (the other: ISSUANCE_ALREADY_RUNNING); it is released when the process dies.
 *
 * Terms (standard, uplift, the ratio of every accepted category, validity, yymm of the number) are
 * snapshotted when a run starts and reused by every chunk and by a resumed run.
 */
export { DEFAULT_CHUNK } from './issuance/model.js';
export type { IssuanceDefinition, IssuanceMode, IssuanceStatus, IssuanceTerms, IssuanceView } from './issuance/model.js';
export { createIssuance, getIssuance, listIssuances, previewIssuance } from './issuance/definition.js';
export type { IssuanceInput } from './issuance/definition.js';
export { issueStatement } from './issuance/statement.js';
export { runIssuance, startIssuance } from './issuance/targeted.js';
export { issueTargetedToPerson } from './issuance/single.js';
export type { RunOptions } from './issuance/targeted.js';
export { CUSTOM_MAX_ROWS, customListTemplate, uploadCustomList } from './issuance/custom-list.js';
export type { CustomReport, CustomRowResult } from './issuance/custom-list.js';
