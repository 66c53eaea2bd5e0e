/** The class list as an Excel file: the list itself (the caller's scope), page by page; names in words. */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, yuan, zh, type ListExport } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import * as orgs from '../orgs/index.js';
import { listClasses, type ClassFilter } from './classes.js';
import { presentClass, type ClassView } from './views.js';

export async function classesExport(actor: Actor, db: Db, f: Omit<ClassFilter, 'limit' | 'offset'>): Promise<ListExport<ClassView>> {
  const districts = new Map((await catalog.listDistricts(db)).map((d) => [d.code, d.name]));
  const programmes = new Map((await catalog.listProgrammes(db)).map((p) => [p.id, p.name]));
  const providers = new Map<string, string>();
  const occupations = new Map<string, string>();
  return {
    list: 'classes',
    sheet: '培训班级',
    filters: f,
    page: async (limit, offset) => {
      const r = await listClasses(actor, db, { ...f, limit, offset });
      return { total: r.total, items: r.items.map(presentClass) };
    },
    prepare: async (rows) => {
      for (const id of new Set(rows.map((r) => r.providerId))) if (!providers.has(id)) providers.set(id, (await orgs.getOrg(db, id))?.name ?? '');
      for (const code of new Set(rows.map((r) => r.occupationCode)))
        if (!occupations.has(code)) occupations.set(code, (await catalog.getOccupation(db, code))?.name ?? '');
    },
    columns: [
      { header: '班级名称', width: 30, value: (r) => r.name },
      { header: '培训机构', width: 28, value: (r) => providers.get(r.providerId) ?? '' },
      { header: '培训项目', width: 22, value: (r) => programmes.get(r.programmeId) ?? '' },
      { header: '职业（工种）', width: 26, value: (r) => `${occupations.get(r.occupationCode) ?? ''}（${r.occupationCode}）` },
      { header: '等级', width: 14, value: (r) => zh(`level.${r.level}`, String(r.level)) },
      { header: '区', width: 10, value: (r) => (r.districtCode ? (districts.get(r.districtCode) ?? r.districtCode) : '') },
      { header: '线上', width: 6, value: (r) => (r.online ? '是' : '否') },
      { header: '已录取', width: 8, value: (r) => r.seatsTaken },
      { header: '名额', width: 8, value: (r) => r.capacity },
      { header: '培训费（元）', width: 12, value: (r) => yuan(r.feeFen) },
      { header: '开班日期', width: 12, value: (r) => r.startDate },
      { header: '结班日期', width: 12, value: (r) => r.endDate },
      { header: '开班反馈截止', width: 20, value: (r) => shanghaiDateTime(r.reportDeadline) },
      { header: '状态', width: 12, value: (r) => zh(`class.state.${r.state}`, r.state) },
    ],
  };
}
