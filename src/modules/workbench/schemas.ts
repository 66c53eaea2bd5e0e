import { z } from 'zod';
import { TODO_KINDS } from './rules.js';

export const TodoSchema = z
  .object({
    kind: z.enum(TODO_KINDS).describe('the to-do, by stable code'),
    count: z.number().int().min(0).describe('how many items wait in the caller’s scope'),
    groups: z.number().int().min(0).optional().describe('BUDGETS_MISSING: the distinct (year, district, programme) without a budget'),
    link: z.string().describe('the web page that lists the work, its filter preset where the page takes one'),
  })
  .meta({ id: 'WorkbenchTodo' });

export const WorkbenchSchema = z
  .object({
    role: z.string(),
    scope: z.object({
      kind: z.enum(['all', 'district', 'org', 'person', 'none']),
      districtCode: z.string().nullable(),
      orgId: z.string().nullable(),
    }),
    dueWithinDays: z.number().int().describe('opening reports count as due when their deadline falls within these days'),
    todos: z.array(TodoSchema),
    total: z.number().int().describe('the sum of the counts'),
  })
  .meta({ id: 'Workbench' });

export type Workbench = z.infer<typeof WorkbenchSchema>;
export type Todo = z.infer<typeof TodoSchema>;
