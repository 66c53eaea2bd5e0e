-- The programme's pass mark (合格分数线, issue 15 item 3): a result with a score below it cannot be recorded
-- as passed. Default 60 (of 100).
ALTER TABLE programmes ADD COLUMN pass_mark_score integer NOT NULL DEFAULT 60 CHECK (pass_mark_score BETWEEN 0 AND 100);
