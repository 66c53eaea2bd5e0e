/**
 * The subsidy lists as Excel files (claims, batches): the list functions themselves, page by page, with
 * Chinese headings and labels; the payee's name masked, the account masked (see src/http/export.ts).
 */
import type { Db } from '../../db/index.js';
import { shanghaiDateTime, yuan, zh, type ListExport } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { listClaims, listNotices, type ClaimFilter, type ClaimView, type NoticeFilter, type NoticeItem } from './claims.js';
import { listBatches, type BatchFilter, type BatchView } from './disbursement.js';

type Filters<F> = Omit<F, 'limit' | 'offset'>;

async function names(db: Db): Promise<{ district: (c: string | null) => string; programme: (id: string | null) => string }> {
  const districts = new Map((await catalog.listDistricts(db)).map((d) => [d.code, d.name]));
  const programmes = new Map((await catalog.listProgrammes(db)).map((p) => [p.id, p.name]));
  return {
    district: (c) => (c ? (districts.get(c) ?? c) : ''),
    programme: (id) => (id ? (programmes.get(id) ?? '') : ''),
  };
}

export async function claimsExport(actor: Actor, db: Db, f: Filters<ClaimFilter>): Promise<ListExport<ClaimView>> {
  const n = await names(db);
  const occupations = new Map<string, string>();
  return {
    list: 'subsidy_claims',
    sheet: '补贴申请',
    filters: f,
    page: (limit, offset) => listClaims(actor, db, { ...f, limit, offset }),
    prepare: async (rows) => {
      for (const code of new Set(rows.map((r) => r.occupationCode)))
        if (!occupations.has(code)) occupations.set(code, (await catalog.getOccupation(db, code))?.name ?? '');
    },
    columns: [
      { header: '申请编号', width: 22, value: (r) => r.number },
      { header: '培训项目', width: 22, value: (r) => n.programme(r.programmeId) },
      { header: '职业（工种）', width: 26, value: (r) => `${occupations.get(r.occupationCode) ?? ''}（${r.occupationCode}）` },
      { header: '等级', width: 14, value: (r) => zh(`level.${r.level}`, String(r.level)) },
      { header: '区', width: 10, value: (r) => n.district(r.districtCode) },
      { header: '收款人类型', width: 10, value: (r) => zh(`payee.${r.payee.kind}`, r.payee.kind) },
      { header: '收款人', width: 16, value: (r) => r.payee.name ?? '' },
      { header: '收款账户', width: 24, value: (r) => r.payee.accountMasked ?? '' },
      { header: '开户行', width: 16, value: (r) => r.payee.bankName ?? '' },
      { header: '补贴金额（元）', width: 14, value: (r) => yuan(r.amountFen) },
      { header: '状态', width: 10, value: (r) => zh(`status.${r.status}`, r.status) },
      { header: '未通过的核验规则', width: 36, value: (r) => r.failedRules.map((x) => zh(`rule.${x}`, x)).join('；') },
      { header: '审核意见', width: 24, value: (r) => r.decision.opinion ?? '' },
      { header: '越过规则核准的理由', width: 24, value: (r) => r.decision.overrideReason ?? '' },
      { header: '公示截止', width: 12, value: (r) => r.notice.lastDay ?? '' },
      { header: '申请时间', width: 20, value: (r) => shanghaiDateTime(r.createdAt) },
    ],
  };
}

export async function batchesExport(actor: Actor, db: Db, f: Filters<BatchFilter>): Promise<ListExport<BatchView>> {
  const n = await names(db);
  return {
    list: 'disbursement_batches',
    sheet: '支付批次',
    filters: f,
    page: (limit, offset) => listBatches(actor, db, { ...f, limit, offset }),
    columns: [
      { header: '批次号', width: 18, value: (r) => r.number },
      { header: '状态', width: 20, value: (r) => zh(`batch.state.${r.status}`, r.status) },
      { header: '培训项目', width: 22, value: (r) => (r.programmeId ? n.programme(r.programmeId) : '全部项目') },
      { header: '区', width: 10, value: (r) => (r.districtCode ? n.district(r.districtCode) : '全部区') },
      { header: '笔数', width: 8, value: (r) => r.paymentCount },
      { header: '金额（元）', width: 14, value: (r) => yuan(r.totalFen) },
      { header: '已入账笔数', width: 10, value: (r) => r.bookedCount },
      { header: '退回笔数', width: 10, value: (r) => r.rejectedCount },
      { header: '制单人', width: 12, value: (r) => r.makerName ?? '' },
      { header: '复核人', width: 12, value: (r) => r.checkerName ?? '' },
      { header: '创建时间', width: 20, value: (r) => shanghaiDateTime(r.createdAt) },
      { header: '复核时间', width: 20, value: (r) => shanghaiDateTime(r.approvedAt) },
    ],
  };
}

export async function noticesExport(actor: Actor, db: Db, f: Filters<NoticeFilter>): Promise<ListExport<NoticeItem>> {
  const n = await names(db);
  const occupations = new Map<string, string>();
  return {
    list: 'subsidy_notices',
    sheet: '补贴公示',
    filters: f,
    page: (limit, offset) => listNotices(db, { ...f, limit, offset }),
    prepare: async (rows) => {
      for (const code of new Set(rows.map((r) => r.occupationCode)))
        if (!occupations.has(code)) occupations.set(code, (await catalog.getOccupation(db, code))?.name ?? '');
    },
    columns: [
      { header: '申请编号', width: 22, value: (r) => r.claimNumber },
      { header: '姓名', width: 10, value: (r) => r.nameMasked },
      { header: '区', width: 10, value: (r) => n.district(r.districtCode) },
      { header: '职业（工种）', width: 26, value: (r) => `${occupations.get(r.occupationCode) ?? ''}（${r.occupationCode}）` },
      { header: '等级', width: 14, value: (r) => zh(`level.${r.level}`, String(r.level)) },
      { header: '补贴金额（元）', width: 14, value: (r) => yuan(r.amountFen) },
      { header: '公示截止', width: 12, value: (r) => r.lastDay },
      { header: '状态', width: 12, value: (r) => (r.status === 'held' ? '异议待核' : '公示中') },
    ],
  };
}
