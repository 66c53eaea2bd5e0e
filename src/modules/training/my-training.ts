/** The worker's own training (我的培训): admissions (also those made at the provider's desk) and registrations. */
import type { Queryable } from '../../db/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import * as vouchers from '../vouchers/index.js';
import { requireWorker } from './policy.js';
import { CLASS_COLS, toClass, type ClassRow, type TrainingClass } from './rows.js';
import type { MyTrainingView } from './schemas.js';

/**
 * One line of 我的培训: an admission (online registration or admitted at the provider's desk by voucher
 * number and ID number — then there is no registration) or a registration not (yet) turned into one.
 */
export interface MyTraining {
  kind: 'admission' | 'registration';
  id: string;
  status: string;
  voucherId: string;
  at: Date;
  cls: TrainingClass;
}

/** The signed-in worker's admissions and registrations, what is under way first, then newest first. */
export async function listMyTraining(actor: Actor, q: Queryable): Promise<MyTraining[]> {
  const personId = requireWorker(actor, 'only a worker has training of their own');
  const { rows } = await q.query<ClassRow & { t_kind: MyTraining['kind']; t_id: string; t_status: string; t_voucher_id: string; t_at: Date }>(
    `WITH mine AS (
       SELECT 'admission' AS t_kind, a.id AS t_id, a.status AS t_status, a.class_id, a.voucher_id AS t_voucher_id, a.admitted_at AS t_at
         FROM admissions a WHERE a.person_id = $1
       UNION ALL
       SELECT 'registration', r.id, r.status, r.class_id, r.voucher_id, r.created_at
         FROM registrations r
        WHERE r.person_id = $1 AND NOT EXISTS (SELECT 1 FROM admissions a WHERE a.registration_id = r.id))
     SELECT ${CLASS_COLS}, m.t_kind, m.t_id, m.t_status, m.t_voucher_id, m.t_at
       FROM mine m JOIN training_classes c ON c.id = m.class_id
      ORDER BY (m.t_status IN ('admitted', 'pending')) DESC, m.t_at DESC, m.t_id
      LIMIT 200`,
    [personId],
  );
  return rows.map((r) => ({ kind: r.t_kind, id: r.t_id, status: r.t_status, voucherId: r.t_voucher_id, at: r.t_at, cls: toClass(r) }));
}

/** 我的培训 as the worker reads it: the class by name, its programme and occupation by name, the voucher by number. */
export async function presentMyTraining(q: Queryable, items: MyTraining[]): Promise<MyTrainingView[]> {
  const names = new Map<string, string | null>();
  const cached = async (key: string, load: () => Promise<string | null>) => {
    if (!names.has(key)) names.set(key, await load());
    return names.get(key) ?? null;
  };
  const out: MyTrainingView[] = [];
  for (const m of items) {
    const c = m.cls;
    out.push({
      kind: m.kind,
      id: m.id,
      status: m.status,
      voucherId: m.voucherId,
      voucherNumber: await cached(`v:${m.voucherId}`, async () => (await vouchers.getVoucher(q, m.voucherId))?.number ?? null),
      at: m.at.toISOString(),
      class: {
        id: c.id,
        name: c.name,
        state: c.state,
        providerName: await cached(`o:${c.providerId}`, async () => (await orgs.getOrg(q, c.providerId))?.name ?? null),
        programmeName: await cached(`p:${c.programmeId}`, async () => (await catalog.getProgramme(q, c.programmeId))?.name ?? null),
        occupationCode: c.occupationCode,
        occupationName: await cached(`c:${c.occupationCode}`, async () => (await catalog.getOccupation(q, c.occupationCode))?.name ?? null),
        level: c.level,
        online: c.online,
        startDate: c.startDate,
        endDate: c.endDate,
      },
    });
  }
  return out;
}
