/** The appeals module's service (申诉): re-exports of its sub-areas. */
export { submitAppeal } from './submit.js';
export { answerAppeal, closeAppeal, takeAppeal } from './handling.js';
export { countAppealsDue, getAppeal, listAppeals, listMine, readAttachment } from './queries.js';
