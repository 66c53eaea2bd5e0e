/** The lifelong record (终身电子培训档案) of one person: every source's entries in time order, with the totals. */
import type { Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { maskId } from '../../lib/identifiers.js';
import type { Person } from '../persons/index.js';
import { inTimeOrder, totalsOf } from './rules.js';
import type { LifelongRecord } from './schemas.js';
import { Names, SOURCES } from './sources.js';

export async function recordOf(q: Queryable, person: Person, asOf: Date = clockNow()): Promise<LifelongRecord> {
  const names = new Names(q);
  const lists = await Promise.all(SOURCES.map((s) => s.entries(q, person.id, names)));
  const entries = inTimeOrder(lists.flat());
  return { personId: person.id, name: person.name, idNumberMasked: maskId(person.idNumber), asOf: asOf.toISOString(), entries, totals: totalsOf(entries) };
}
