/** Pure assessment rules: what a result must carry, and reading one sheet row. No I/O. */
import type { FieldIssue } from '../../lib/errors.js';
import { today as businessToday } from '../../lib/time.js';

export const CERTIFICATE_TYPES = ['skill_level', 'special_ability', 'qualification'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export interface ResultInput {
  voucherId?: string | undefined;
  voucherNumber?: string | undefined;
  passed: boolean;
  score?: number | null | undefined;
  /**
   * Level reached: 5 (五级/初级工) … 1 (一级/高级技师); 0 = a certificate without levels. Absent/null: the
   * class's level (never a default).
   */
  level?: number | null | undefined;
  /** Required when `level` differs from the class's level: the assessor's reason (the claim goes to review). */
  levelChangeReason?: string | null | undefined;
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

/**
 * The level a result records, against its class (考核等级): no level given → the class's level; a different
 * level needs the assessor's reason (the claim then goes to review, LEVEL_DIFFERS_FROM_CLASS); a score below
 * the programme's pass mark cannot be recorded as passed. Returns the level and the change (null: same level),
 * or the issue with its field.
 */
export function resolveResultLevel(
  i: Pick<ResultInput, 'level' | 'levelChangeReason' | 'passed' | 'score'>,
  classLevel: number | null,
  passMarkScore: number,
): { level: number; levelChange: { classLevel: number; reason: string } | null } | { issue: FieldIssue } {
  const issue = (field: string, message: string): { issue: FieldIssue } => ({ issue: { field, code: 'VALIDATION_FAILED', message } });
  if (i.passed && i.score !== undefined && i.score !== null && i.score < passMarkScore)
    return issue('score', `a score of ${i.score} is below the programme's pass mark ${passMarkScore}: it cannot be recorded as passed`);
  const reason = i.levelChangeReason?.trim() || null;
  if (i.level === undefined || i.level === null) {
    if (classLevel === null) return issue('level', 'the class names no level: give the level reached');
    return { level: classLevel, levelChange: null };
  }
  if (classLevel === null || i.level === classLevel) return { level: i.level, levelChange: null };
  if (!reason) return issue('levelChangeReason', `level ${i.level} differs from the class's level ${classLevel}: confirm it with a reason`);
  return { level: i.level, levelChange: { classLevel, reason } };
}

type AddIssue = (field: string, message: string) => void;

/** The level, its reason and the score, when given, within their bounds. */
function boundIssues(i: ResultInput, add: AddIssue): void {
  if (i.level !== undefined && i.level !== null && (!Number.isInteger(i.level) || i.level < 0 || i.level > 5))
    add('level', 'level must be 0..5 (0 = no levels)');
  if (i.levelChangeReason !== undefined && i.levelChangeReason !== null && i.levelChangeReason.length > 500) add('levelChangeReason', 'at most 500 characters');
  if (i.score !== undefined && i.score !== null && (!Number.isFinite(i.score) || i.score < 0 || i.score > 100)) add('score', 'score must be 0..100');
}

/** A pass carries a well-formed certificate number and its type; a fail carries none. */
function certificateIssues(i: ResultInput, add: AddIssue): void {
  if (!i.passed) {
    if (i.certificateNumber) add('certificateNumber', 'a fail carries no certificate');
    return;
  }
  if (!i.certificateNumber) add('certificateNumber', 'a pass needs the certificate number');
  else if (!CERT_NUMBER.test(i.certificateNumber)) add('certificateNumber', '6..40 letters, digits or -');
  if (!i.certificateType) add('certificateType', `one of ${CERTIFICATE_TYPES.join(', ')}`);
}

/** Every problem of a result (empty when valid). `today` is the Asia/Shanghai business date. */
export function resultIssues(i: ResultInput, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add: AddIssue = (field, message) => out.push({ field, code: 'VALIDATION_FAILED', message });
  if (!i.voucherId && !i.voucherNumber) add('voucherNumber', 'the voucher number is required');
  boundIssues(i, add);
  if (!isRealDate(i.assessedOn)) add('assessedOn', 'a date YYYY-MM-DD');
  else if (i.assessedOn > today) add('assessedOn', 'the assessment date is in the future');
  certificateIssues(i, add);
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
  levelchangereason: 'levelChangeReason',
  等级变更原因: 'levelChangeReason',
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
export function parseResultRow(header: string[], cells: string[], today: string = businessToday()): { input: ResultInput } | { issues: FieldIssue[] } {
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
  const level = levelText === '' ? null : Number(levelText);
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
    levelChangeReason: get('levelChangeReason') || null,
    assessedOn: get('assessedOn'),
  };
  issues.push(...resultIssues(input, today).filter((i) => !(i.field === 'certificateType' && typeText)));
  return issues.length ? { issues } : { input };
}
