/** Officers import postings from a sheet (the public employment service's export): good rows posted, bad rows listed by row and field. */
import type { Db } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { businessDate } from '../../lib/time.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { readSheet, type SheetFormat, xlsxTemplate } from '../../lib/sheet.js';
import type { Actor } from '../identity/index.js';
import { officerScope } from './policy.js';
import { checkPosting, insertPosting } from './postings.js';
import { PostingBody } from './schemas.js';

/** The sheet's columns: heading → the posting's field. */
export const POSTING_COLUMNS = [
  ['岗位名称', 'title'],
  ['用人单位', 'employerName'],
  ['职业编码', 'occupationCode'],
  ['等级要求', 'level'],
  ['所在区代码', 'districtCode'],
  ['工作地址', 'address'],
  ['纬度', 'lat'],
  ['经度', 'lng'],
  ['月薪下限（元）', 'payMinYuan'],
  ['月薪上限（元）', 'payMaxYuan'],
  ['招聘人数', 'headcount'],
  ['有效期至', 'validUntil'],
] as const;

const num = (s: string | undefined): number | undefined => (s === undefined || s.trim() === '' ? undefined : Number(s.trim()));
const yuanToFen = (s: string | undefined): number | undefined => {
  const n = num(s);
  return n === undefined || !Number.isFinite(n) ? n : Math.round(n * 100);
};

/** One sheet row as a posting body (the schema then checks it). */
function rowToBody(cells: Record<string, string>) {
  return {
    title: cells.title,
    employerName: cells.employerName,
    occupationCode: cells.occupationCode?.trim(),
    level: cells.level?.trim() ? num(cells.level) : null,
    districtCode: cells.districtCode?.trim(),
    address: cells.address,
    lat: num(cells.lat),
    lng: num(cells.lng),
    coordSystem: 'gcj02' as const,
    payMinFen: yuanToFen(cells.payMinYuan),
    payMaxFen: yuanToFen(cells.payMaxYuan),
    headcount: num(cells.headcount),
    validUntil: cells.validUntil?.trim(),
  };
}

export async function importPostings(
  actor: Actor,
  db: Db,
  buffer: Buffer,
  format: SheetFormat,
): Promise<{ total: number; imported: number; errors: FieldIssue[] }> {
  const scope = officerScope(actor);
  const sheet = await readSheet(buffer, format, 5000, { minColumns: POSTING_COLUMNS.length });
  const index = POSTING_COLUMNS.map(([h]) => sheet.header.findIndex((x) => x.trim() === h));
  const missing = POSTING_COLUMNS.find((_, i) => index[i]! < 0);
  if (missing) throw new AppError('IMPORT_FILE_INVALID', `the sheet has no column ${missing[0]}`, 'body', { column: missing[0] });
  const errors: FieldIssue[] = [];
  let imported = 0;
  await db.tx(async (tx) => {
    for (const row of sheet.rows) {
      const cells = Object.fromEntries(POSTING_COLUMNS.map(([, key], i) => [key, row.cells[index[i]!] ?? '']));
      const parsed = PostingBody.safeParse(rowToBody(cells));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        errors.push({ field: `rows.${row.line}.${String(issue.path[0] ?? '')}`, code: 'VALIDATION_FAILED', message: issue.message });
        continue;
      }
      const b = parsed.data;
      if (!b.employerName || !b.districtCode) {
        errors.push({ field: `rows.${row.line}.${b.employerName ? 'districtCode' : 'employerName'}`, code: 'VALIDATION_FAILED', message: 'required' });
        continue;
      }
      const districtCode = b.districtCode;
      if (scope.kind === 'district' && districtCode !== scope.districtCode) {
        errors.push({ field: `rows.${row.line}.districtCode`, code: 'NOT_FOUND', message: 'another district’s posting' });
        continue;
      }
      try {
        await checkPosting(tx, { ...b, districtCode, validFrom: b.validFrom ?? businessDate(clockNow()) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        errors.push({ field: `rows.${row.line}.${e.field ?? ''}`, code: e.code, message: e.message });
        continue;
      }
      await insertPosting(tx, actor, { ...b, source: 'officer', enterpriseId: null, employerName: b.employerName, districtCode });
      imported++;
    }
  });
  return { total: sheet.rows.length, imported, errors };
}

const EXAMPLE: Record<string, string> = {
  title: '养老护理员',
  employerName: '某某养老院',
  occupationCode: '4-10-01-05',
  level: '4',
  districtCode: '310115',
  address: '浦东新区某路 1 号',
  lat: '31.2215',
  lng: '121.5447',
  payMinYuan: '6500',
  payMaxYuan: '8500',
  headcount: '3',
  validUntil: '2027-03-31',
};

/** The import template (.xlsx): the headings, an example row, notes. */
export function postingTemplate(): Promise<Buffer> {
  return xlsxTemplate({
    sheet: '岗位',
    columns: POSTING_COLUMNS.map(([header, key]) => ({ header, key, example: EXAMPLE[key]! })),
    notesSheet: '填写说明',
    notes: [
      ['等级要求', '1 高级技师 … 5 初级工；空白表示不限'],
      ['纬度、经度', 'GCJ-02 坐标（高德、腾讯地图）'],
      ['月薪下限（元）、月薪上限（元）', '单位为元'],
      ['所在区代码', '6 位行政区划代码，如 310115（浦东新区）'],
    ],
  });
}
