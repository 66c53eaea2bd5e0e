import { z } from 'zod';
import { REHAB_STEPS, STEP_NOTES, STEP_STATES, VOUCHER_STEPS } from './rules.js';

export const StepSchema = z
  .object({
    key: z.enum([...VOUCHER_STEPS, ...REHAB_STEPS.filter((k) => k !== 'applied')]),
    state: z.enum(STEP_STATES).describe('done; current (the step under way); expected (later); skipped (can no longer happen); failed (ended here)'),
    date: z.string().nullable().describe('YYYY-MM-DD, Asia/Shanghai: the day done, or the day expected when `expected`; null when no rule gives one'),
    expected: z.boolean().describe('the date is expected, computed from the rules named by `note`'),
    provisional: z.boolean().describe('counted on a calendar year whose holidays are not loaded yet (暂定)'),
    note: z.enum(STEP_NOTES).nullable().describe('what the date rests on, or why the step ended'),
    reason: z.string().nullable().describe('the words a person gave: an officer’s opinion, a revocation’s or a bank’s reason'),
  })
  .meta({ id: 'TimelineStep' });

export const TimelineSchema = z
  .object({
    kind: z.enum(['voucher', 'claim', 'rehab']),
    id: z.string(),
    voucherId: z.string().nullable(),
    claimId: z.string().nullable(),
    noticeWorkingDays: z.number().int().nullable().describe('the public notice’s length in working days'),
    steps: z.array(StepSchema),
  })
  .meta({ id: 'Timeline' });
