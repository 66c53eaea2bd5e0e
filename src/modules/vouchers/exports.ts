/** The officers' voucher list as an Excel file: the list itself, page by page; holders masked as on screen. */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, yuan, zh, type ListExport } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { listVouchers, type VoucherFilter, type VoucherView } from './service.js';

export async function vouchersExport(actor: Actor, db: Db, f: Omit<VoucherFilter, 'limit' | 'offset'>): Promise<ListExport<VoucherView>> {
  const districts = new Map((await catalog.listDistricts(db)).map((d) => [d.code, d.name]));
  const occupations = new Map<string, string>();
  return {
    list: 'vouchers',
    sheet: '培训券',
    filters: f,
    page: (limit, offset) => listVouchers(actor, db, { ...f, limit, offset }),
    prepare: async (rows) => {
      for (const code of new Set(rows.map((r) => r.occupationCode).filter((c): c is string => !!c)))
        if (!occupations.has(code)) occupations.set(code, (await catalog.getOccupation(db, code))?.name ?? '');
    },
    columns: [
      { header: '券号', width: 22, value: (r) => r.number },
      { header: '持券人', width: 12, value: (r) => r.holder.name },
      { header: '身份证号（脱敏）', width: 22, value: (r) => r.holder.idNumberMasked },
      { header: '券种', width: 18, value: (r) => zh(`voucher.kind.${r.kind}`, r.kind) },
      { header: '发放方式', width: 12, value: (r) => zh(`voucher.mode.${r.mode}`, r.mode) },
      { header: '状态', width: 10, value: (r) => zh(`status.${r.status}`, r.status) },
      { header: '培训项目', width: 22, value: (r) => r.programme?.name ?? '' },
      { header: '职业（工种）', width: 26, value: (r) => (r.occupationCode ? `${occupations.get(r.occupationCode) ?? ''}（${r.occupationCode}）` : '') },
      { header: '等级', width: 14, value: (r) => (r.level === null ? '' : zh(`level.${r.level}`, String(r.level))) },
      { header: '区', width: 10, value: (r) => (r.districtCode ? (districts.get(r.districtCode) ?? r.districtCode) : '') },
      { header: '补贴比例（%）', width: 10, value: (r) => r.ratioPct },
      { header: '预计补贴（元）', width: 12, value: (r) => yuan(r.subsidyEstimateFen) },
      { header: '有效期起', width: 12, value: (r) => r.validFrom },
      { header: '有效期至', width: 12, value: (r) => r.validUntil },
      { header: '发放时间', width: 20, value: (r) => shanghaiDateTime(r.issuedAt) },
    ],
  };
}
