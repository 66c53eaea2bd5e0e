/**
 * Where the lifelong record's entries come from: one source per module, each reading through that module's
 * public face. EXTENSION POINT — a module that adds to a person's story (the rehab module: 工伤康复 cases)
 * adds one source to SOURCES below: `{ name: 'rehab', entries: async (q, personId, names) => … }` returning
 * entries of kind 'rehab' (ref: the case number, title: the hospital or condition, status: the case's state
 * code, with its zh-CN/English label under `status.<code>` in web/src/i18n/strings.ts and in labels.ts).
 * Nothing else changes: time order, totals, the page, the PDF and its signature take every entry as it comes.
 */
import type { Queryable } from '../../db/index.js';
import * as assessment from '../assessment/index.js';
import * as attendance from '../attendance/index.js';
import * as catalog from '../catalog/index.js';
import * as subsidy from '../subsidy/index.js';
import * as training from '../training/index.js';
import * as vouchers from '../vouchers/index.js';
import { hoursOf, resultAt, voucherAt } from './rules.js';
import type { RecordEntry } from './schemas.js';

/** Names looked up once per record (occupations and programmes by code/id). */
export class Names {
  private occ = new Map<string, Promise<string | null>>();
  private prog = new Map<string, Promise<string | null>>();
  constructor(private q: Queryable) {}
  occupation(code: string | null): Promise<string | null> {
    if (!code) return Promise.resolve(null);
    if (!this.occ.has(code))
      this.occ.set(
        code,
        catalog.getOccupation(this.q, code).then((o) => o?.name ?? null),
      );
    return this.occ.get(code)!;
  }
  programme(id: string | null): Promise<string | null> {
    if (!id) return Promise.resolve(null);
    if (!this.prog.has(id))
      this.prog.set(
        id,
        catalog.getProgramme(this.q, id).then((p) => p?.name ?? null),
      );
    return this.prog.get(id)!;
  }
}

export interface RecordSource {
  name: string;
  entries(q: Queryable, personId: string, names: Names): Promise<RecordEntry[]>;
}

const entry = (e: Partial<RecordEntry> & Pick<RecordEntry, 'at' | 'kind' | 'ref' | 'title'>): RecordEntry => ({
  occupationName: null,
  level: null,
  status: null,
  hours: null,
  sessions: null,
  amountFen: null,
  passed: null,
  ...e,
});

const voucherSource: RecordSource = {
  name: 'vouchers',
  async entries(q, personId, names) {
    const vs = await vouchers.vouchersOfPerson(q, personId);
    return Promise.all(
      vs.map(async (v) =>
        entry({
          at: voucherAt(v).toISOString(),
          kind: 'voucher',
          ref: v.number,
          title: (await names.programme(v.programmeId)) ?? (v.kind === 'checkin_only' ? '打卡签到专用培训券' : '职业培训券'),
          occupationName: await names.occupation(v.occupationCode),
          level: v.level,
          status: v.status,
        }),
      ),
    );
  },
};

const trainingSource: RecordSource = {
  name: 'training',
  async entries(q, personId, names) {
    const items = await training.trainingOfPerson(q, personId);
    return Promise.all(
      items.map(async (t) =>
        entry({
          at: t.at.toISOString(),
          kind: t.kind,
          ref: t.className,
          title: t.className,
          occupationName: await names.occupation(t.occupationCode),
          level: t.level,
          status: t.status,
          hours: t.kind === 'admission' ? t.courseHours : null,
        }),
      ),
    );
  },
};

/** One entry per class attended: sessions checked in of the class's sessions, and their hours. */
const attendanceSource: RecordSource = {
  name: 'attendance',
  async entries(q, personId, names) {
    const checks = await attendance.checkInsOfPerson(q, personId);
    const byClass = new Map<string, typeof checks>();
    for (const c of checks) byClass.set(c.classId, [...(byClass.get(c.classId) ?? []), c]);
    const out: RecordEntry[] = [];
    for (const [classId, cs] of byClass) {
      const cls = await training.getClass(q, classId);
      const sessions = await training.listSessions(q, classId);
      const attended = new Set(cs.map((c) => c.sessionId));
      out.push(
        entry({
          at: cs[cs.length - 1]!.at.toISOString(),
          kind: 'attendance',
          ref: cls?.name ?? '',
          title: cls?.name ?? '',
          occupationName: await names.occupation(cls?.occupationCode ?? null),
          level: cls?.level ?? null,
          hours: hoursOf(sessions.filter((s) => attended.has(s.id))),
          sessions: { attended: attended.size, total: sessions.length },
        }),
      );
    }
    return out;
  },
};

/** Results (pass / fail) and every certificate of the registry (recorded here or imported). */
const assessmentSource: RecordSource = {
  name: 'assessment',
  async entries(q, personId, names) {
    const results = await assessment.resultsOfPerson(q, personId);
    const certs = await assessment.certificatesOfPerson(q, personId);
    const rs = await Promise.all(
      results.map(async (r) =>
        entry({
          at: resultAt(r).toISOString(),
          kind: 'assessment',
          ref: r.certificateNumber ?? '',
          title: (await names.occupation(r.occupationCode)) ?? r.occupationCode,
          occupationName: await names.occupation(r.occupationCode),
          level: r.level,
          status: r.passed ? 'pass' : 'fail',
          passed: r.passed,
        }),
      ),
    );
    const cs = await Promise.all(
      certs.map(async (c) =>
        entry({
          // the certificate's own date, at noon in Shanghai (a date, placed after that day's assessment)
          at: new Date(`${c.assessedOn}T12:00:00+08:00`).toISOString(),
          kind: 'certificate',
          ref: c.certificateNumber,
          title: c.issuerName,
          occupationName: await names.occupation(c.occupationCode),
          level: c.level,
          status: c.certificateType,
        }),
      ),
    );
    return [...rs, ...cs];
  },
};

/** Claims, and a second entry on the day a claim was paid (subsidy received). */
const subsidySource: RecordSource = {
  name: 'subsidy',
  async entries(q, personId, names) {
    const claims = await subsidy.claimsOfPerson(q, personId);
    const out: RecordEntry[] = [];
    for (const c of claims) {
      const common = { ref: c.number, title: (await names.occupation(c.occupationCode)) ?? c.occupationCode, level: c.level, amountFen: c.amountFen };
      out.push(entry({ ...common, at: c.createdAt.toISOString(), kind: 'subsidy', status: c.status, occupationName: common.title }));
      if (c.paidAt) out.push(entry({ ...common, at: c.paidAt.toISOString(), kind: 'subsidy_paid', status: 'paid', occupationName: common.title }));
    }
    return out;
  },
};

/** Every source of the record, in no particular order (the record sorts). Rehab adds its source here. */
export const SOURCES: readonly RecordSource[] = [voucherSource, trainingSource, attendanceSource, assessmentSource, subsidySource];
