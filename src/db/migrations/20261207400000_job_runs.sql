-- Scheduled jobs: one row per (job, scheduled instant) that ran to the end, written by the node that ran it
-- under the job's advisory lock (src/jobs/scheduler.ts). Another node firing for the same instant finds it
-- and skips: each job runs once per schedule across nodes, and a run that failed is taken by the next node.
CREATE TABLE job_runs (
  job         text        NOT NULL,
  slot        timestamptz NOT NULL,
  node        text        NOT NULL,
  finished_at timestamptz NOT NULL,
  PRIMARY KEY (job, slot)
);
