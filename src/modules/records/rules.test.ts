/** The lifelong record's pure rules: time order, totals, canonical JSON, the claimed id of a PDF; the certificate sheet row. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCertificateRow, publicMatch } from '../assessment/certificate-rules.js';
import { nationalLookupRule } from '../subsidy/rules.js';
import { idCheckChar } from '../../lib/identifiers.js';
import { canonicalJson, claimedDocumentId, hoursOf, inTimeOrder, looksLikePdf, resultAt, signedStatement, totalsOf, voucherAt } from './rules.js';
import type { RecordEntry } from './schemas.js';

const e = (x: Partial<RecordEntry> & Pick<RecordEntry, 'at' | 'kind'>): RecordEntry => ({
  ref: '',
  title: '',
  occupationName: null,
  level: null,
  status: null,
  hours: null,
  sessions: null,
  amountFen: null,
  passed: null,
  ...x,
});

describe('time order and totals', () => {
  it('sorts by instant, then by the story’s order at the same instant', () => {
    const at = '2026-03-01T01:00:00.000Z';
    const out = inTimeOrder([e({ at, kind: 'subsidy' }), e({ at: '2026-02-01T00:00:00.000Z', kind: 'certificate' }), e({ at, kind: 'voucher' })]);
    expect(out.map((x) => x.kind)).toEqual(['certificate', 'voucher', 'subsidy']);
  });

  it.each([
    [[], { hoursTrained: 0, certificates: 0, subsidyReceivedFen: 0, subsidyApprovedFen: 0, certificatesByLevel: [] }],
    [
      [
        e({ at: '1', kind: 'attendance', hours: 2.5, sessions: { attended: 1, total: 4 } }),
        e({ at: '2', kind: 'attendance', hours: 3, sessions: { attended: 2, total: 2 } }),
        e({ at: '3', kind: 'certificate', level: 4 }),
        e({ at: '4', kind: 'certificate', level: 4 }),
        e({ at: '5', kind: 'certificate', level: 0 }),
        e({ at: '6', kind: 'subsidy', status: 'paid', amountFen: 150_000 }),
        e({ at: '7', kind: 'subsidy_paid', status: 'paid', amountFen: 150_000 }),
        e({ at: '8', kind: 'subsidy', status: 'approved', amountFen: 200_000 }),
        e({ at: '9', kind: 'subsidy', status: 'in_review', amountFen: 99_999 }),
      ],
      {
        hoursTrained: 5.5,
        sessionsAttended: 3,
        classesAttended: 2,
        certificates: 3,
        certificatesByLevel: [
          { level: 0, count: 1 },
          { level: 4, count: 2 },
        ],
        subsidyReceivedFen: 150_000,
        subsidyApprovedFen: 350_000,
      },
    ],
  ])('totals of %#', (entries, expected) => {
    expect(totalsOf(entries)).toMatchObject(expected);
  });

  it.each([
    ['2026-03-01T02:00:00.000Z', '2026-03-01', '2026-03-01T02:00:00.000Z'],
    ['2026-03-01T02:00:00.000Z', '2026-03-05', '2026-03-01T02:00:00.000Z'],
    ['2026-03-01T02:00:00.000Z', '2026-02-01', '2026-01-31T16:00:00.000Z'],
  ])('a voucher issued %s valid from %s enters the story at %s', (issuedAt, validFrom, at) => {
    expect(voucherAt({ issuedAt: new Date(issuedAt), validFrom }).toISOString()).toBe(at);
  });

  it.each([
    ['recorded the same Shanghai day: the instant it was recorded', '2026-12-04T07:30:00.000Z', '2026-12-04', '2026-12-04T07:30:00.000Z'],
    ['recorded just after midnight Shanghai, the day before in UTC', '2026-12-03T16:30:00.000Z', '2026-12-04', '2026-12-03T16:30:00.000Z'],
    ['recorded three days later: noon of the assessment day', '2026-12-06T23:50:00.000Z', '2026-12-04', '2026-12-04T04:00:00.000Z'],
  ])('a result %s (recorded %s, assessed on %s) enters the story at %s', (_n, createdAt, assessedOn, at) => {
    expect(resultAt({ createdAt: new Date(createdAt), assessedOn }).toISOString()).toBe(at);
  });

  it('a result recorded late stands before its certificate and its claim', () => {
    const e = (kind: RecordEntry['kind'], at: string): RecordEntry => ({ kind, at, ref: '', title: '' }) as RecordEntry;
    const result = resultAt({ createdAt: new Date('2026-12-06T23:50:00.000Z'), assessedOn: '2026-12-04' }).toISOString();
    const order = inTimeOrder([
      e('subsidy', '2026-12-06T23:50:00.000Z'),
      e('certificate', new Date('2026-12-04T12:00:00+08:00').toISOString()),
      e('assessment', result),
    ]);
    expect(order.map((x) => x.kind)).toEqual(['assessment', 'certificate', 'subsidy']);
  });

  it('hours of sessions to a tenth', () => {
    const s = (h0: number, h1: number) => ({ startsAt: new Date(h0 * 3_600_000), endsAt: new Date(h1 * 3_600_000) });
    expect(hoursOf([s(0, 1.5), s(2, 4)])).toBe(3.5);
    expect(hoursOf([])).toBe(0);
  });
});

describe('canonical JSON and the signed statement', () => {
  it('equal content has one text, whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null))), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson({ a: [o], b: 1 })).toBe(canonicalJson({ b: 1, a: [reversed] }));
        expect(JSON.parse(canonicalJson(o))).toEqual(JSON.parse(JSON.stringify(o)));
      }),
    );
  });

  it('the statement names the document, its kind, time and digest', () => {
    expect(signedStatement({ id: 'x', kind: 'record', issuedAt: '2026-01-01T00:00:00.000Z', contentDigest: 'ab', digestAlg: 'sm3' })).toBe(
      'skillvoucher-document/v1|x|record|2026-01-01T00:00:00.000Z|sm3:ab',
    );
  });
});

describe('what an uploaded file claims', () => {
  const id = '0193a1b2-1111-4000-8000-123456789abc';
  it.each([
    [`%PDF-1.3\n9 0 obj\n<<\n/SvDocumentId 14 0 R\n>>\nendobj\n14 0 obj\n(${id})\nendobj`, id],
    [`%PDF-1.7\n<< /SvDocumentId (${id.toUpperCase()}) >>`, id],
    ['%PDF-1.7\n<< /Title (x) >>', null],
    [`%PDF-1.3\n<< /SvDocumentId 14 0 R >>\n15 0 obj\n(${id})`, null],
  ])('%#', (text, expected) => {
    expect(claimedDocumentId(Buffer.from(text, 'latin1'))).toBe(expected);
  });
  it('a PDF starts with %PDF-', () => {
    expect(looksLikePdf(Buffer.from('%PDF-1.3 …'))).toBe(true);
    expect(looksLikePdf(Buffer.from('PK\u0003\u0004 a zip'))).toBe(false);
  });
});

describe('an imported certificate row', () => {
  const header = ['证书编号', '证书类型', '身份证号', '姓名', '职业代码', '等级', '发证机构', '发证日期'];
  const first17 = '31011519900307121';
  const idNo = first17 + idCheckChar(first17);
  const row = (o: Partial<Record<string, string>> = {}) => {
    const base: Record<string, string> = {
      证书编号: 'S0000310000401',
      证书类型: '职业技能等级证书',
      身份证号: idNo,
      姓名: '李小明',
      职业代码: '4-10-01-05',
      等级: '4',
      发证机构: '上海市职业技能鉴定中心',
      发证日期: '2026-01-05',
      ...o,
    };
    return header.map((h) => base[h]!);
  };
  it('a good row', () => {
    expect(parseCertificateRow(header, row(), '2026-06-01')).toEqual({
      input: {
        certificateNumber: 'S0000310000401',
        certificateType: 'skill_level',
        idNumber: idNo,
        name: '李小明',
        occupationCode: '4-10-01-05',
        level: 4,
        issuerName: '上海市职业技能鉴定中心',
        issuedOn: '2026-01-05',
      },
    });
  });
  it.each([
    [{ 证书编号: 'ab' }, 'certificateNumber'],
    [{ 证书类型: '毕业证' }, 'certificateType'],
    [{ 身份证号: `${first17}0`.replace(/.$/, idCheckChar(first17) === '0' ? '1' : '0') }, 'idNumber'],
    [{ 姓名: '' }, 'name'],
    [{ 职业代码: '养老护理员' }, 'occupationCode'],
    [{ 等级: '6' }, 'level'],
    [{ 证书类型: '专项职业能力证书', 等级: '3' }, 'level'],
    [{ 发证机构: '' }, 'issuerName'],
    [{ 发证日期: '2026-02-30' }, 'issuedOn'],
    [{ 发证日期: '2026-07-01' }, 'issuedOn'],
  ])('%o → %s named', (o, field) => {
    const r = parseCertificateRow(header, row(o), '2026-06-01');
    expect('issues' in r && r.issues.map((i) => i.field)).toEqual([field]);
  });
  it('the public lookup matches the full name only', () => {
    expect(publicMatch('李小明', ' 李小明 ')).toBe(true);
    expect(publicMatch('李小明', '李')).toBe(false);
    expect(publicMatch('李小明', '')).toBe(false);
  });
});

describe('the national lookup’s rule (subsidy)', () => {
  it.each([
    [null, []],
    [undefined, []],
    [{ confirmed: true as const }, [{ rule: 'CERTIFICATE_NATIONALLY_CONFIRMED', passed: true }]],
    [
      { confirmed: false as const, reason: 'not_found' as const },
      [{ rule: 'CERTIFICATE_NATIONALLY_CONFIRMED', passed: false, code: 'CERTIFICATE_NOT_CONFIRMED' }],
    ],
    [
      { confirmed: false as const, reason: 'revoked' as const },
      [{ rule: 'CERTIFICATE_NATIONALLY_CONFIRMED', passed: false, code: 'CERTIFICATE_NOT_CONFIRMED' }],
    ],
  ])('%o', (l, expected) => {
    expect(nationalLookupRule(l)).toMatchObject(expected);
  });
});
