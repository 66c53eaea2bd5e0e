/**
 * Pure rules of the certificate registry (培训证书查询, issue 19 part 3): one imported sheet row read into a
 * certificate or its issues (fields named by column), and what the public lookup may reveal.
 */
import type { FieldIssue } from '../../lib/errors.js';
import { checkIdNumber, isRealDate, normaliseIdNumber } from '../../lib/identifiers.js';
import { CERTIFICATE_TYPES, type CertificateType } from './rules.js';

export interface ImportedCertificateInput {
  certificateNumber: string;
  certificateType: CertificateType;
  idNumber: string;
  name: string;
  occupationCode: string;
  level: number;
  issuerName: string;
  issuedOn: string;
}

type Key = keyof ImportedCertificateInput;
const HEADERS: Record<string, Key> = {
  certificatenumber: 'certificateNumber',
  证书编号: 'certificateNumber',
  certificatetype: 'certificateType',
  证书类型: 'certificateType',
  idnumber: 'idNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  name: 'name',
  姓名: 'name',
  occupationcode: 'occupationCode',
  职业代码: 'occupationCode',
  职业工种代码: 'occupationCode',
  level: 'level',
  等级: 'level',
  issuer: 'issuerName',
  issuername: 'issuerName',
  发证机构: 'issuerName',
  评价机构: 'issuerName',
  issuedon: 'issuedOn',
  发证日期: 'issuedOn',
};
const TYPE_WORDS: Record<string, CertificateType> = {
  skill_level: 'skill_level',
  职业技能等级证书: 'skill_level',
  special_ability: 'special_ability',
  专项职业能力证书: 'special_ability',
  qualification: 'qualification',
  职业资格证书: 'qualification',
};
/** The columns of the import template, in order. */
export const CERTIFICATE_SHEET_COLUMNS = ['证书编号', '证书类型', '身份证号', '姓名', '职业代码', '等级', '发证机构', '发证日期'] as const;

const CERT_NUMBER = /^[0-9A-Za-z-]{6,40}$/;
const OCCUPATION = /^\d-\d{2}-\d{2}-\d{2}$/;

function dateIssue(s: string, today: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'a date YYYY-MM-DD';
  return s > today ? 'the issue date is in the future' : null;
}

/** Reads one sheet row of an assessment body's certificate list. */
export function parseCertificateRow(header: string[], cells: string[], today: string): { input: ImportedCertificateInput } | { issues: FieldIssue[] } {
  const tokens = header.map((h) => h.replace(/[\s/|()（）]+/g, '').toLowerCase());
  const get = (k: Key): string => {
    const idx = tokens.findIndex((t) => HEADERS[t] === k);
    return idx >= 0 ? (cells[idx] ?? '').trim() : '';
  };
  const issues: FieldIssue[] = [];
  const add = (field: Key, message: string, code = 'VALIDATION_FAILED') => issues.push({ field, code, message });
  const certificateNumber = get('certificateNumber');
  if (!CERT_NUMBER.test(certificateNumber)) add('certificateNumber', '6–40 letters, digits or -');
  const typeText = get('certificateType') || '职业技能等级证书';
  const certificateType = TYPE_WORDS[typeText] ?? null;
  if (!certificateType) add('certificateType', `one of ${CERTIFICATE_TYPES.join(', ')}`);
  const idNumber = normaliseIdNumber(get('idNumber'));
  const idProblem = checkIdNumber(idNumber);
  if (idProblem) add('idNumber', idProblem, 'INVALID_ID_NUMBER');
  const name = get('name');
  if (name.length < 1 || name.length > 64) add('name', 'the holder’s name (1–64 characters)');
  const occupationCode = get('occupationCode');
  if (!OCCUPATION.test(occupationCode)) add('occupationCode', 'an occupation code like 4-10-01-05');
  const levelText = get('level') || '0';
  const level = Number(levelText);
  if (!Number.isInteger(level) || level < 0 || level > 5) add('level', '0 (no level) or 1–5');
  if (certificateType === 'special_ability' && level !== 0) add('level', 'a special-ability certificate has no level (0)');
  const issuerName = get('issuerName');
  if (issuerName.length < 1 || issuerName.length > 128) add('issuerName', 'the issuing body (1–128 characters)');
  const issuedOn = get('issuedOn');
  const di = dateIssue(issuedOn, today);
  if (di) add('issuedOn', di);
  if (issues.length) return { issues };
  return { input: { certificateNumber, certificateType: certificateType!, idNumber, name, occupationCode, level, issuerName, issuedOn } };
}

/**
 * The public lookup answers only when the number AND the holder's full name both match one certificate; a
 * number with another name, a name alone, or nothing all answer the same 404 (no oracle on either).
 */
export const publicMatch = (holderName: string, askedName: string): boolean => holderName.normalize('NFC') === askedName.trim().normalize('NFC');
