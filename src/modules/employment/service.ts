/** The employment module's service (就业岗位查询及推介): re-exports of its sub-areas. */
export { closePosting, createPosting, listManagedPostings, takeDownPosting } from './postings.js';
export { importPostings, postingTemplate } from './import.js';
export { configureEmploymentFeed, SimulatedEmploymentFeed, syncFeed } from './feed.js';
export type { EmploymentFeed, FeedPosting } from './feed.js';
export { allOpenPostings, candidatePostings, rankPostings, recommendFor, searchPostings, workerFacts } from './search.js';
export { expressInterest, jobStats, listCandidates, markContacted, withdrawInterest } from './interests.js';
