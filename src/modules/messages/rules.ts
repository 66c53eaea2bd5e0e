/**
 * The messages' rules, pure: the events that send a message (each with its declared variables and whether it is
 * essential), their templates in zh-CN and English with `{var}` placeholders, the check that every template uses
 * exactly its event's variables (run at module load: a mismatch stops the start-up), rendering, the quiet hours of
 * SMS (22:00–08:00 Shanghai: delayed to 08:00, never dropped) and the delivery back-off.
 */
import { addDays, businessDate, businessInstant } from '../../lib/time.js';

export interface EventDef {
  /** The variables every template of the event uses, and the caller must give. */
  vars: readonly string[];
  /** Decisions and payments: always sent (in-app). Reminders are not: the person may stop them. */
  essential: boolean;
}

/** Every event that sends a message (stable codes: the inbox's `event`). */
export const EVENTS = {
  'voucher.issued': { vars: ['voucherNo', 'validThrough'], essential: true },
  'voucher.expiring': { vars: ['voucherNo', 'days', 'validThrough'], essential: false },
  'registration.confirmed': { vars: ['className'], essential: true },
  'registration.cancelled': { vars: ['className'], essential: true },
  'admission.admitted': { vars: ['className', 'startDate'], essential: true },
  'class.starts_tomorrow': { vars: ['className', 'date', 'window', 'place'], essential: false },
  'checkin.flagged': { vars: ['className', 'date'], essential: true },
  'class.report_due': { vars: ['className', 'dueDate'], essential: false },
  'assessment.recorded': { vars: ['className', 'outcome'], essential: true },
  'claim.approved': { vars: ['amountYuan'], essential: true },
  'claim.held': { vars: ['reason'], essential: true },
  'claim.rejected': { vars: ['reason'], essential: true },
  'claim.notice_started': { vars: ['noticeEnds'], essential: true },
  'claim.notice_ended': { vars: ['noticeEnded'], essential: true },
  // the worker's, when the programme pays the employer or the training provider (补贴按规定拨付至单位): who gets it
  'claim.notice_ended_employer': { vars: ['noticeEnded', 'payeeName'], essential: true },
  'claim.notice_ended_provider': { vars: ['noticeEnded', 'payeeName'], essential: true },
  'payment.paid': { vars: ['amountYuan', 'accountTail'], essential: true },
  'payment.paid_to_employer': { vars: ['amountYuan', 'payeeName', 'accountTail'], essential: true },
  'payment.paid_to_provider': { vars: ['amountYuan', 'payeeName', 'accountTail'], essential: true },
  'payment.failed': { vars: ['reason'], essential: true },
  'payment.failed_to_employer': { vars: ['payeeName', 'reason'], essential: true },
  'payment.failed_to_provider': { vars: ['payeeName', 'reason'], essential: true },
  // the receiving organisation's staff accounts (the employer's or the provider's): 补贴到账 / 发放失败
  'payment.paid_to_org': { vars: ['claimNo', 'trainee', 'amountYuan', 'accountTail'], essential: true },
  'payment.failed_to_org': { vars: ['claimNo', 'trainee', 'amountYuan', 'reason'], essential: true },
  'rehab.decided': { vars: ['decision'], essential: true },
} as const satisfies Record<string, EventDef>;

export type MessageEvent = keyof typeof EVENTS;
export const EVENT_CODES = Object.keys(EVENTS) as MessageEvent[];
export type Lang = 'zh-CN' | 'en';

export interface Template {
  title: string;
  body: string;
}
export type Templates = Record<string, Record<Lang, Template>>;

export const TEMPLATES: Templates = {
  'voucher.issued': {
    'zh-CN': { title: '职业培训券已发放', body: '您的职业培训券（编号 {voucherNo}）已发放，有效期至 {validThrough}。请在有效期内报名培训。' },
    en: {
      title: 'Training voucher issued',
      body: 'Your training voucher {voucherNo} has been issued and is valid through {validThrough}. Register for a course before then.',
    },
  },
  'voucher.expiring': {
    'zh-CN': { title: '培训券即将到期', body: '您的职业培训券（编号 {voucherNo}）还有 {days} 天到期（{validThrough}），请尽快报名培训。' },
    en: { title: 'Voucher expiring soon', body: 'Your training voucher {voucherNo} expires in {days} days ({validThrough}). Register for a course soon.' },
  },
  'registration.confirmed': {
    'zh-CN': { title: '报名成功', body: '您已报名“{className}”，请等待培训机构录取。' },
    en: { title: 'Registration received', body: 'You have registered for "{className}". The provider will confirm your admission.' },
  },
  'registration.cancelled': {
    'zh-CN': { title: '报名已取消', body: '您对“{className}”的报名已取消。' },
    en: { title: 'Registration cancelled', body: 'Your registration for "{className}" has been cancelled.' },
  },
  'admission.admitted': {
    'zh-CN': { title: '录取通知', body: '您已被“{className}”录取，开班日期 {startDate}。请按时签到。' },
    en: { title: 'Admitted', body: 'You have been admitted to "{className}", starting {startDate}. Remember to check in.' },
  },
  'class.starts_tomorrow': {
    'zh-CN': { title: '明天开课', body: '“{className}”将于明天（{date}）开课，签到时间 {window}，地点：{place}。' },
    en: { title: 'Class starts tomorrow', body: '"{className}" starts tomorrow ({date}). Check-in window {window}, at {place}.' },
  },
  'checkin.flagged': {
    'zh-CN': { title: '签到待核实', body: '您在“{className}”{date} 的签到需要核实，工作人员会尽快处理。' },
    en: { title: 'Check-in under review', body: 'Your check-in for "{className}" on {date} needs to be reviewed by an officer.' },
  },
  'class.report_due': {
    'zh-CN': { title: '开班备案即将截止', body: '班级“{className}”的开班备案须在 {dueDate} 前提交。' },
    en: { title: 'Class report due soon', body: 'The opening report of "{className}" is due by {dueDate}.' },
  },
  'assessment.recorded': {
    'zh-CN': { title: '考核结果已登记', body: '您在“{className}”的考核结果已登记：{outcome}。' },
    en: { title: 'Assessment result recorded', body: 'Your assessment result for "{className}" has been recorded: {outcome}.' },
  },
  'claim.approved': {
    'zh-CN': { title: '补贴申请已通过审核', body: '您的培训补贴申请已通过审核，金额 {amountYuan} 元，公示后发放。' },
    en: { title: 'Subsidy claim approved', body: 'Your subsidy claim of {amountYuan} yuan has been approved and will be paid after the public notice.' },
  },
  'claim.held': {
    'zh-CN': { title: '补贴申请暂缓', body: '您的培训补贴申请已暂缓处理，原因：{reason}。' },
    en: { title: 'Subsidy claim on hold', body: 'Your subsidy claim has been put on hold. Reason: {reason}.' },
  },
  'claim.rejected': {
    'zh-CN': { title: '补贴申请未通过', body: '您的培训补贴申请未通过，原因：{reason}。如有异议，可提出申诉。' },
    en: { title: 'Subsidy claim refused', body: 'Your subsidy claim was refused. Reason: {reason}. You may appeal.' },
  },
  'claim.notice_started': {
    'zh-CN': { title: '补贴进入公示', body: '您的培训补贴已进入公示期，公示至 {noticeEnds}。' },
    en: { title: 'Public notice started', body: 'Your subsidy is in its public notice period until {noticeEnds}.' },
  },
  'claim.notice_ended': {
    'zh-CN': { title: '补贴公示期结束', body: '您的培训补贴公示期已于 {noticeEnded} 结束，将在下一个拨付批次中转账至您的账户。' },
    en: {
      title: 'Public notice ended',
      body: 'The public notice of your subsidy ended on {noticeEnded}; it will be paid to your account in the next payment batch.',
    },
  },
  'claim.notice_ended_employer': {
    'zh-CN': { title: '补贴公示期结束', body: '您的培训补贴公示期已于 {noticeEnded} 结束，将在下一个拨付批次中按规定拨付至用人单位（{payeeName}）。' },
    en: {
      title: 'Public notice ended',
      body: 'The public notice of your subsidy ended on {noticeEnded}; as the rules provide, it will be paid to your employer ({payeeName}) in the next payment batch.',
    },
  },
  'claim.notice_ended_provider': {
    'zh-CN': { title: '补贴公示期结束', body: '您的培训补贴公示期已于 {noticeEnded} 结束，将在下一个拨付批次中按规定拨付至培训机构（{payeeName}）。' },
    en: {
      title: 'Public notice ended',
      body: 'The public notice of your subsidy ended on {noticeEnded}; as the rules provide, it will be paid to the training provider ({payeeName}) in the next payment batch.',
    },
  },
  'payment.paid': {
    'zh-CN': { title: '补贴已到账', body: '培训补贴 {amountYuan} 元已发放至尾号 {accountTail} 的账户。' },
    en: { title: 'Subsidy paid', body: 'A subsidy of {amountYuan} yuan has been paid to the account ending {accountTail}.' },
  },
  'payment.paid_to_employer': {
    'zh-CN': { title: '补贴已发放', body: '培训补贴 {amountYuan} 元已按规定发放至用人单位（{payeeName}）尾号 {accountTail} 的账户。' },
    en: {
      title: 'Subsidy paid',
      body: 'A subsidy of {amountYuan} yuan has been paid, as the rules provide, to your employer ({payeeName}), account ending {accountTail}.',
    },
  },
  'payment.paid_to_provider': {
    'zh-CN': { title: '补贴已发放', body: '培训补贴 {amountYuan} 元已按规定发放至培训机构（{payeeName}）尾号 {accountTail} 的账户。' },
    en: {
      title: 'Subsidy paid',
      body: 'A subsidy of {amountYuan} yuan has been paid, as the rules provide, to the training provider ({payeeName}), account ending {accountTail}.',
    },
  },
  'payment.failed': {
    'zh-CN': { title: '补贴发放失败', body: '培训补贴发放失败（{reason}）。请核对或更新您的银行账户（社保卡）信息，核对后将重新发放；如有疑问请拨打 12333。' },
    en: {
      title: 'Subsidy payment failed',
      body: 'The subsidy payment failed ({reason}). Check or update your bank account (social security card); it will be paid again after the check. Questions: call 12333.',
    },
  },
  'payment.failed_to_employer': {
    'zh-CN': {
      title: '补贴发放失败',
      body: '您的培训补贴拨付至用人单位（{payeeName}）的账户未成功（{reason}），单位更正银行账户后将重新发放，您无需办理；如有疑问请拨打 12333。',
    },
    en: {
      title: 'Subsidy payment failed',
      body: 'Your subsidy could not be paid to your employer ({payeeName}) ({reason}). It will be paid again once the employer corrects its bank account; nothing for you to do. Questions: call 12333.',
    },
  },
  'payment.failed_to_provider': {
    'zh-CN': {
      title: '补贴发放失败',
      body: '您的培训补贴拨付至培训机构（{payeeName}）的账户未成功（{reason}），机构更正银行账户后将重新发放，您无需办理；如有疑问请拨打 12333。',
    },
    en: {
      title: 'Subsidy payment failed',
      body: 'Your subsidy could not be paid to the training provider ({payeeName}) ({reason}). It will be paid again once the provider corrects its bank account; nothing for you to do. Questions: call 12333.',
    },
  },
  'payment.paid_to_org': {
    'zh-CN': { title: '补贴到账', body: '补贴到账：申请编号 {claimNo}，学员 {trainee}，金额 {amountYuan} 元，已发放至尾号 {accountTail} 的账户。' },
    en: {
      title: 'Subsidy received',
      body: 'Subsidy received: claim {claimNo}, trainee {trainee}, {amountYuan} yuan, paid to the account ending {accountTail}.',
    },
  },
  'payment.failed_to_org': {
    'zh-CN': {
      title: '补贴发放失败',
      body: '申请编号 {claimNo}（学员 {trainee}，金额 {amountYuan} 元）的补贴未能发放至本单位账户（{reason}）。请尽快向区人力资源和社会保障部门提供本单位正确的开户银行和账号，更正后将重新发放；如有疑问请拨打 12333。',
    },
    en: {
      title: 'Subsidy payment failed',
      body: 'The subsidy of claim {claimNo} (trainee {trainee}, {amountYuan} yuan) could not be paid to your organisation’s account ({reason}). Give the district human resources and social security bureau your correct bank and account number; it will be paid again once corrected. Questions: call 12333.',
    },
  },
  'rehab.decided': {
    'zh-CN': { title: '康复申请有了决定', body: '您的工伤康复申请已有决定：{decision}。' },
    en: { title: 'Rehabilitation decision', body: 'A decision was made on your rehabilitation application: {decision}.' },
  },
};

/** Who a claim's subsidy is paid to (subsidy_claims.payee_kind): the worker, the training provider or the employer. */
export type PayeeKind = 'person' | 'provider' | 'enterprise';

/**
 * The worker's message of a claim's step for its payee: the plain one when the worker is paid ('…至您的账户'); when
 * the employer or the provider is, the one that names it (the worker must not think the money reached them).
 */
export const WORKER_EVENT_FOR_PAYEE = {
  person: { noticeEnded: 'claim.notice_ended', paid: 'payment.paid', failed: 'payment.failed' },
  enterprise: { noticeEnded: 'claim.notice_ended_employer', paid: 'payment.paid_to_employer', failed: 'payment.failed_to_employer' },
  provider: { noticeEnded: 'claim.notice_ended_provider', paid: 'payment.paid_to_provider', failed: 'payment.failed_to_provider' },
} as const satisfies Record<PayeeKind, Record<'noticeEnded' | 'paid' | 'failed', MessageEvent>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The variables a text uses. */
export const varsOf = (text: string): Set<string> => new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]!));

/** Every mismatch between the events' declared variables and their templates (empty: all agree). */
export function templateProblems(events: Record<string, EventDef>, templates: Templates): string[] {
  const problems: string[] = [];
  for (const [event, def] of Object.entries(events)) {
    const byLang = templates[event];
    if (!byLang) {
      problems.push(`${event}: no template`);
      continue;
    }
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = byLang[lang];
      if (!t) {
        problems.push(`${event} (${lang}): no template`);
        continue;
      }
      const used = new Set([...varsOf(t.title), ...varsOf(t.body)]);
      for (const v of def.vars) if (!used.has(v)) problems.push(`${event} (${lang}): {${v}} declared but not used`);
      for (const v of used) if (!def.vars.includes(v)) problems.push(`${event} (${lang}): {${v}} used but not declared`);
    }
  }
  for (const event of Object.keys(templates)) if (!(event in events)) problems.push(`${event}: template of no event`);
  return problems;
}

/** Throws (stopping the start-up) when a template and its event disagree. */
export function assertTemplates(events: Record<string, EventDef>, templates: Templates): void {
  const problems = templateProblems(events, templates);
  if (problems.length) throw new Error(`message templates do not match their events: ${problems.join('; ')}`);
}

/** A text with its `{var}` placeholders filled. */
export const fill = (text: string, vars: Record<string, string>): string => text.replace(PLACEHOLDER, (_, v: string) => vars[v] ?? '');

/** An event's title and body in a language. */
export function render(event: string, vars: Record<string, string>, lang: Lang): Template {
  const t = TEMPLATES[event]?.[lang];
  if (!t) throw new Error(`no template for ${event}`);
  return { title: fill(t.title, vars), body: fill(t.body, vars) };
}

/** The SMS text: 【上海职业培训券】title：body (zh-CN). */
export const smsText = (event: string, vars: Record<string, string>): string => {
  const t = render(event, vars, 'zh-CN');
  return `【上海职业培训券】${t.title}：${t.body}`;
};

/** The variables an event needs that the caller did not give (empty: all given). */
export const missingVars = (event: MessageEvent, vars: Record<string, string>): string[] =>
  EVENTS[event].vars.filter((v) => typeof vars[v] !== 'string' || vars[v] === '');

export const QUIET_FROM_HOUR = 22;
export const QUIET_TO_HOUR = 8;
export const QUIET_HOURS = { from: '22:00', to: '08:00' } as const;

/** When an SMS may be sent: now, unless now is in the quiet hours (22:00–08:00 Shanghai) — then the next 08:00. */
export function nextSmsSlot(now: Date): Date {
  const day = businessDate(now);
  const eight = businessInstant(day, QUIET_TO_HOUR, 0, 0, 0);
  if (now.getTime() < eight.getTime()) return eight;
  const ten = businessInstant(day, QUIET_FROM_HOUR, 0, 0, 0);
  if (now.getTime() >= ten.getTime()) return businessInstant(addDays(day, 1), QUIET_TO_HOUR, 0, 0, 0);
  return now;
}

/** Attempts before a message goes to the dead-letter list. */
export const MAX_ATTEMPTS = 5;

/** The wait before attempt n+1 after n failed attempts: 30 s, 2 min, 8 min, 32 min (×4). */
export const backoffMs = (failedAttempts: number): number => 30_000 * 4 ** Math.max(0, failedAttempts - 1);

/** After a failed attempt: give up (dead letter) or try again at an instant. */
export function afterFailure(failedAttempts: number, permanent: boolean, now: Date, channel: 'inbox' | 'sms'): { dead: true } | { dead: false; nextAt: Date } {
  if (permanent || failedAttempts >= MAX_ATTEMPTS) return { dead: true };
  const at = new Date(now.getTime() + backoffMs(failedAttempts));
  return { dead: false, nextAt: channel === 'sms' ? nextSmsSlot(at) : at };
}

/** Amount in yuan from fen, e.g. 123456 → '1,234.56'. */
export const yuan = (fen: number): string => {
  const s = (Math.abs(fen) / 100).toFixed(2);
  const [i, d] = s.split('.');
  return `${fen < 0 ? '-' : ''}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
};
