/** The check-in review list (签到异常复核) as an Excel file: the list itself, page by page; trainees masked. */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, zh, type ListExport } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as training from '../training/index.js';
import { listFlags, type FlagFilter } from './review.js';
import type { FlagView as Flag } from './schemas.js';

const STATE: Record<string, string> = { flagged: '待复核', accepted: '已认可', rejected_after_review: '不认可' };

export async function flagsExport(actor: Actor, db: Db, f: Omit<FlagFilter, 'limit' | 'offset'>): Promise<ListExport<Flag>> {
  const districts = new Map((await catalog.listDistricts(db)).map((d) => [d.code, d.name]));
  const classes = new Map<string, string>();
  return {
    list: 'check_in_flags',
    sheet: '签到异常复核',
    filters: f,
    page: (limit, offset) => listFlags(actor, db, { ...f, limit, offset }),
    prepare: async (rows) => {
      for (const id of new Set(rows.map((r) => r.classId))) if (!classes.has(id)) classes.set(id, (await training.getClass(db, id))?.name ?? '');
    },
    columns: [
      { header: '学员', width: 12, value: (r) => r.trainee },
      { header: '班级', width: 28, value: (r) => classes.get(r.classId) ?? '' },
      { header: '签到时间', width: 20, value: (r) => shanghaiDateTime(r.at) },
      { header: '区', width: 10, value: (r) => districts.get(r.districtCode) ?? r.districtCode },
      { header: '异常类型', width: 30, value: (r) => r.flags.map((x) => zh(`flag.${x}`, x)).join('；') },
      { header: '距离（米）', width: 10, value: (r) => (r.distanceM === null ? null : Math.round(r.distanceM)) },
      { header: '定位精度（米）', width: 12, value: (r) => r.accuracyM },
      { header: '复核结果', width: 10, value: (r) => STATE[r.status] ?? r.status },
      { header: '复核说明', width: 24, value: (r) => r.reviewNote ?? '' },
      { header: '复核时间', width: 20, value: (r) => shanghaiDateTime(r.reviewedAt) },
    ],
  };
}
