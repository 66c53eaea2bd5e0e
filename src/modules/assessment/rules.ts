/** Pure assessment rules: what a result must carry, and reading one sheet row. No I/O. */
import type { FieldIssue } from '../../lib/errors.js';

export const CERTIFICATE_TYPES = ['skill_level', 'special_ability', 'qualification'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export interface ResultInput {
  voucherId?: string | undefined;
  voucherNumber?: string | undefined;
  passed: boolean;
  score?: number | null | undefined;
  /** Level reached: 5 (五级/初级工) … 1 (一级/高级技师); 0 = a certificate without levels. */
  level: number;
  certificateNumber?: string | null | undefined;
  certificateType?: CertificateType | null | undefined;
  assessedOn: string; // YYYY-MM-DD
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const CERT_NUMBER = /^[A-Za-z0-9-]{6,40}$/;

function isRealDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Every problem of a result (empty when valid). `today` is the Asia/Shanghai business date. */
export function resultIssues(i: ResultInput, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add = (field: string, message: string, code = 'VALIDATION_FAILED') => out.push({ field, code, message });
  if (!i.voucherId && !i.voucherNumber) add('voucherNumber', 'the voucher number is required');
  if (!Number.isInteger(i.level) || i.level < 0 || i.level > 5) add('level', 'level must be 0..5 (0 = no levels)');
  if (i.score !== undefined && i.score !== null && (!Number.isFinite(i.score) || i.score < 0 || i.score > 100)) add('score', 'score must be 0..100');
  if (!isRealDate(i.assessedOn)) add('assessedOn', 'a date YYYY-MM-DD');
  else if (i.assessedOn > today) add('assessedOn', 'the assessment date is in the future');
  if (i.passed) {
    if (!i.certificateNumber) add('certificateNumber', 'a pass needs the certificate number');
    else if (!CERT_NUMBER.test(i.certificateNumber)) add('certificateNumber', '6..40 letters, digits or -');
    if (!i.certificateType) add('certificateType', `one of ${CERTIFICATE_TYPES.join(', ')}`);
  } else if (i.certificateNumber) add('certificateNumber', 'a fail carries no certificate');
  return out;
}

const HEADERS: Record<string, keyof ResultInput> = {
  vouchernumber: 'voucherNumber',
  券号: 'voucherNumber',
  passed: 'passed',
  result: 'passed',
  结果: 'passed',
  score: 'score',
  成绩: 'score',
  level: 'level',
  等级: 'level',
  certificatenumber: 'certificateNumber',
  证书编号: 'certificateNumber',
  certificatetype: 'certificateType',
  证书类型: 'certificateType',
  assessedon: 'assessedOn',
  考核日期: 'assessedOn',
};

const PASS = new Set(['pass', 'passed', 'true', '1', '通过', '合格']);
const FAIL = new Set(['fail', 'failed', 'false', '0', '不通过', '不合格']);
const TYPE_WORDS: Record<string, CertificateType> = {
  skill_level: 'skill_level',
  职业技能等级证书: 'skill_level',
  special_ability: 'special_ability',
  专项职业能力证书: 'special_ability',
  qualification: 'qualification',
  职业资格证书: 'qualification',
};

/** Reads one sheet row into a result (or its issues, fields named by column). */
export function parseResultRow(
  header: string[],
  cells: string[],
  today: string = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
): { input: ResultInput } | { issues: FieldIssue[] } {
  const tokens = header.map((h) => h.split(/[\s/|]+/).map((t) => t.replace(/[()（）]/g, '').toLowerCase()));
  const get = (k: keyof ResultInput): string => {
    const idx = tokens.findIndex((ts) => ts.some((t) => HEADERS[t] === k));
    return idx >= 0 ? (cells[idx] ?? '').trim() : '';
  };
  const issues: FieldIssue[] = [];
  const p = get('passed').toLowerCase();
  if (!PASS.has(p) && !FAIL.has(p)) issues.push({ field: 'passed', code: 'VALIDATION_FAILED', message: 'pass/fail (通过/不通过)' });
  const scoreText = get('score');
  const score = scoreText === '' ? null : Number(scoreText);
  const levelText = get('level');
  const level = levelText === '' ? NaN : Number(levelText);
  const typeText = get('certificateType');
  const certificateType = typeText ? (TYPE_WORDS[typeText] ?? null) : null;
  if (typeText && !certificateType) issues.push({ field: 'certificateType', code: 'VALIDATION_FAILED', message: `one of ${CERTIFICATE_TYPES.join(', ')}` });
  const input: ResultInput = {
    voucherNumber: get('voucherNumber') || undefined,
    passed: PASS.has(p),
    score: score !== null && Number.isNaN(score) ? -1 : score,
    level,
    certificateNumber: get('certificateNumber') || null,
    certificateType,
    assessedOn: get('assessedOn'),
  };
  issues.push(...resultIssues(input, today).filter((i) => !(i.field === 'certificateType' && typeText)));
  return issues.length ? { issues } : { input };
}
