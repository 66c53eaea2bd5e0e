/** zh-CN words the PDF prints (the web app has its own catalogue in web/src/i18n/strings.ts). */
import type { EntryKind } from './schemas.js';

export const KIND_LABEL: Record<EntryKind, string> = {
  voucher: '领取培训券',
  registration: '报名',
  admission: '录取入班',
  attendance: '培训签到',
  assessment: '考核鉴定',
  certificate: '取得证书',
  subsidy: '补贴申请',
  subsidy_paid: '补贴到账',
  rehab: '工伤康复',
};

export const STATUS_LABEL: Record<string, string> = {
  issued: '已发放',
  admitted: '已录取',
  in_training: '培训中',
  assessed: '已考核',
  approved: '已核准',
  settled: '已结算',
  closed: '已关闭',
  expired: '已作废',
  revoked: '已撤销',
  completed: '已完成',
  pending: '待录取',
  cancelled: '已取消',
  released: '已释放',
  withdrawn: '已退出',
  pass: '合格',
  fail: '不合格',
  in_review: '待审核',
  held: '异议待核',
  rejected: '已驳回',
  in_batch: '支付中',
  paid: '已支付',
  failed: '支付失败',
  skill_level: '职业技能等级证书',
  special_ability: '专项职业能力证书',
  qualification: '职业资格证书',
};

export const LEVEL_LABEL: Record<number, string> = {
  0: '无等级',
  1: '一级/高级技师',
  2: '二级/技师',
  3: '三级/高级工',
  4: '四级/中级工',
  5: '五级/初级工',
};

/** 123456 → '¥1,234.56' (integer fen, never through floating point). */
export function yuan(fen: number): string {
  const y = Math.trunc(fen / 100);
  const c = Math.abs(fen % 100);
  return `¥${y.toLocaleString('en-US')}.${String(c).padStart(2, '0')}`;
}
