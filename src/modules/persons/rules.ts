/**
 * Person registry rules (pure): the person categories (身份类别, = catalogue ratio categories), field
 * validation shared by the JSON routes and the sheet import, and the import sheet's columns.
 */
import type { FieldIssue } from '../../lib/errors.js';
import {
  charactersOf,
  checkBankCard,
  checkIdNumber,
  checkMobile,
  checkUscc,
  normaliseBankCard,
  normaliseIdNumber,
  normaliseMobile,
} from '../../lib/identifiers.js';
import { now as clockNow } from '../../lib/clock.js';
import { isUnstorableText } from '../../lib/text.js';

export const PERSON_CATEGORIES = [
  'registered_unemployed',
  'xiebao',
  'former_rural_surplus',
  'disabled',
  'veteran_5y',
  'employed',
  'college_graduating',
  'secondary_vocational_graduating',
] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export const HUKOU = ['local', 'nonlocal'] as const;
export type Hukou = (typeof HUKOU)[number];

export const NAME_MAX = 64;
export const BANK_NAME_MAX = 64;
export const EMPLOYER_NAME_MAX = 128;
export const DISTRICT_RE = /^\d{6}$/;

/** Fields a person is created with; optional ones may be null (cleared) on update. */
export interface PersonInput {
  idNumber: string;
  name: string;
  phone?: string | null | undefined;
  bankAccount?: string | null | undefined;
  bankName?: string | null | undefined;
  districtCode?: string | null | undefined;
  hukou?: Hukou | undefined;
  categories?: string[] | undefined;
  employerUscc?: string | null | undefined;
  employerName?: string | null | undefined;
  isDemo?: boolean | undefined;
}

/** The same input with every identifier normalised (upper-case ID, bare digits for card and phone). */
export function normalisePersonInput<T extends Partial<PersonInput>>(i: T): T {
  const out = { ...i };
  if (typeof out.idNumber === 'string') out.idNumber = normaliseIdNumber(out.idNumber);
  if (typeof out.name === 'string') out.name = out.name.trim();
  if (typeof out.phone === 'string') out.phone = out.phone.trim() === '' ? null : normaliseMobile(out.phone);
  if (typeof out.bankAccount === 'string') out.bankAccount = out.bankAccount.trim() === '' ? null : normaliseBankCard(out.bankAccount);
  if (typeof out.bankName === 'string') out.bankName = out.bankName.trim() || null;
  if (typeof out.employerUscc === 'string') out.employerUscc = out.employerUscc.trim().toUpperCase() || null;
  if (typeof out.employerName === 'string') out.employerName = out.employerName.trim() || null;
  if (typeof out.districtCode === 'string') out.districtCode = out.districtCode.trim() || null;
  if (out.categories) out.categories = [...new Set(out.categories.map((c) => c.trim()).filter(Boolean))].sort();
  return out;
}

type AddIssue = (field: string, code: string, message: string) => void;

/** The ID number, the name, and text PostgreSQL cannot store. */
function identityIssues(i: Partial<PersonInput>, today: Date, add: AddIssue): void {
  if (i.idNumber !== undefined) {
    const p = checkIdNumber(i.idNumber, today);
    if (p) add('idNumber', 'INVALID_ID_NUMBER', `resident ID number: ${p}`);
  }
  if (i.name !== undefined) {
    if (i.name.length === 0) add('name', 'VALIDATION_FAILED', 'the name is required');
    // counted in characters: 𠮷 or an emoji is one, not two UTF-16 units
    else if (charactersOf(i.name).length > NAME_MAX) add('name', 'VALIDATION_FAILED', `the name is longer than ${NAME_MAX} characters`);
  }
  // text PostgreSQL cannot store (a NUL, half a surrogate pair), e.g. from an imported sheet: a row error, not a 500
  for (const f of ['name', 'bankName', 'employerName'] as const) {
    const v = i[f];
    if (typeof v === 'string' && isUnstorableText(v)) add(f, 'VALIDATION_FAILED', 'a NUL character or a broken character is not allowed in text');
  }
}

/** The mobile number and the bank account. */
function contactIssues(i: Partial<PersonInput>, add: AddIssue): void {
  if (i.phone) {
    const p = checkMobile(i.phone);
    if (p) add('phone', 'INVALID_MOBILE', `mobile number: ${p}`);
  }
  if (i.bankAccount) {
    const p = checkBankCard(i.bankAccount);
    if (p) add('bankAccount', 'INVALID_BANK_CARD', `bank card: ${p}`);
  }
  if (i.bankName && i.bankName.length > BANK_NAME_MAX) add('bankName', 'VALIDATION_FAILED', `the bank name is longer than ${BANK_NAME_MAX} characters`);
}

/** District, hukou, categories and the employer. */
function placementIssues(i: Partial<PersonInput>, add: AddIssue): void {
  if (i.districtCode && !DISTRICT_RE.test(i.districtCode)) add('districtCode', 'DISTRICT_UNKNOWN', 'the district code must be 6 digits');
  if (i.hukou !== undefined && !(HUKOU as readonly string[]).includes(i.hukou)) add('hukou', 'VALIDATION_FAILED', 'hukou must be local or nonlocal');
  if (i.categories) {
    const bad = i.categories.filter((c) => !(PERSON_CATEGORIES as readonly string[]).includes(c));
    if (bad.length) add('categories', 'VALIDATION_FAILED', `unknown person categories: ${bad.join(', ')}`);
  }
  if (i.employerUscc) {
    const p = checkUscc(i.employerUscc);
    if (p) add('employerUscc', 'INVALID_USCC', `unified social credit code: ${p}`);
  }
  if (i.employerName && i.employerName.length > EMPLOYER_NAME_MAX)
    add('employerName', 'VALIDATION_FAILED', `the employer name is longer than ${EMPLOYER_NAME_MAX} characters`);
}

/** Every problem of a (normalised) person input; empty when valid. Only the fields present are checked. */
export function personIssues(i: Partial<PersonInput>, today: Date = clockNow()): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add: AddIssue = (field, code, message) => issues.push({ field, code, message });
  identityIssues(i, today, add);
  contactIssues(i, add);
  placementIssues(i, add);
  return issues;
}

/** Columns of the import sheet: key, Chinese label, English label, example. */
export const IMPORT_COLUMNS = [
  { key: 'name', zh: '姓名', en: 'name', example: '张三' },
  { key: 'idNumber', zh: '身份证号', en: 'idNumber', example: '11010519491231002X' },
  { key: 'phone', zh: '手机号', en: 'phone', example: '13812345678' },
  { key: 'bankAccount', zh: '社保卡银行账号', en: 'bankAccount', example: '6222020200001234562' },
  { key: 'bankName', zh: '开户银行', en: 'bankName', example: '工商银行' },
  { key: 'districtCode', zh: '区代码', en: 'districtCode', example: '310115' },
  { key: 'hukou', zh: '户籍', en: 'hukou', example: 'local' },
  { key: 'categories', zh: '人员类别', en: 'categories', example: 'employed;disabled' },
  { key: 'employerUscc', zh: '单位统一社会信用代码', en: 'employerUscc', example: '91350100M000100Y43' },
  { key: 'employerName', zh: '单位名称', en: 'employerName', example: '上海示例有限公司' },
] as const;
export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const headerLabel = (c: (typeof IMPORT_COLUMNS)[number]): string => `${c.zh} ${c.en}`;

/** Maps header cells to column keys: a cell matches by its English key or its Chinese label. */
export function mapHeader(cells: string[]): { keys: (ImportKey | null)[]; missing: ImportKey[] } {
  const keys = cells.map((raw) => {
    const cell = raw.replace(/^\uFEFF/, '').trim();
    const lower = cell.toLowerCase();
    const hit = IMPORT_COLUMNS.find(
      (c) => lower === c.en.toLowerCase() || cell === c.zh || lower.endsWith(` ${c.en.toLowerCase()}`) || cell.startsWith(`${c.zh} `),
    );
    return hit ? hit.key : null;
  });
  const missing = (['name', 'idNumber'] as const).filter((k) => !keys.includes(k));
  return { keys, missing };
}

const HUKOU_WORDS: Record<string, Hukou> = { local: 'local', nonlocal: 'nonlocal', 本市: 'local', 外省市: 'nonlocal', 外地: 'nonlocal', 本地: 'local' };

export interface ImportRowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

export type RowResult = { ok: true; input: PersonInput } | { ok: false; errors: ImportRowError[] };

/**
 * One sheet row (column key → cell text) to a validated, normalised person input, or the row's errors.
 * `lineNo` is the row number as the user sees it in the sheet (the header is row 1).
 */
export function validatePersonRow(row: Partial<Record<ImportKey, string>>, lineNo: number, today: Date = clockNow()): RowResult {
  const errors: ImportRowError[] = [];
  const cell = (k: ImportKey): string | undefined => {
    const v = row[k]?.trim();
    return v ? v : undefined;
  };
  const hukouCell = cell('hukou');
  const hukou = hukouCell === undefined ? 'local' : HUKOU_WORDS[hukouCell.toLowerCase()];
  if (hukou === undefined) errors.push({ row: lineNo, field: 'hukou', code: 'VALIDATION_FAILED', message: 'hukou must be local or nonlocal' });
  const input = normalisePersonInput<PersonInput>({
    name: cell('name') ?? '',
    idNumber: cell('idNumber') ?? '',
    phone: cell('phone') ?? null,
    bankAccount: cell('bankAccount') ?? null,
    bankName: cell('bankName') ?? null,
    districtCode: cell('districtCode') ?? null,
    hukou: hukou ?? 'local',
    categories: (cell('categories') ?? '').split(/[;,|，；、\s]+/).filter(Boolean),
    employerUscc: cell('employerUscc') ?? null,
    employerName: cell('employerName') ?? null,
  });
  for (const i of personIssues(input, today)) errors.push({ row: lineNo, ...i });
  if (input.idNumber === '') {
    const at = errors.findIndex((e) => e.field === 'idNumber');
    if (at >= 0) errors[at] = { row: lineNo, field: 'idNumber', code: 'INVALID_ID_NUMBER', message: 'the resident ID number is required' };
  }
  return errors.length ? { ok: false, errors } : { ok: true, input };
}

/** How many columns the import sheet has (an .xlsx row is read at least this wide). */
export const IMPORT_SHEET_COLUMNS: number = IMPORT_COLUMNS.length;
