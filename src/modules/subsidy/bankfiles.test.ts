import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip, readCamt054, readResultCsv, validateXml, writeDisbursementCsv, writePain001, xmlEscape, type Payment, type ReadOutcome } from './bankfiles.js';
import { simulateBank } from './bank-simulator.js';
import { fenToYuan, yuanToFen } from './money.js';
import { collect } from '../../test/collect.js';

const PAIN_XSD = new URL('./xsd/pain.001.001.09.xsd', import.meta.url).pathname;
const CAMT_XSD = new URL('./xsd/camt.054.001.10.xsd', import.meta.url).pathname;

function payments(n: number): Payment[] {
  return Array.from({ length: n }, (_, i) => ({
    endToEndId: `SV${String(i + 1).padStart(10, '0')}-1`,
    amountFen: 150_000 + i * 7,
    creditorName: i === 1 ? '张三 & <李四>' : `学员${i}`,
    creditorAccount: `62220200000000${String(i).padStart(5, '0')}`,
    creditorBankName: i % 2 ? '中国工商银行上海分行' : null,
    remittance: `职业培训补贴 claim ${i}`,
  }));
}

const header = (ps: Payment[]) => ({
  msgId: 'B20261126-0001',
  createdAt: new Date('2026-11-26T08:00:00Z'),
  initiatorName: '上海市人力资源和社会保障局',
  pmtInfId: 'B20261126-0001-1',
  requestedDate: '2026-11-27',
  debtorName: '就业补助资金专户',
  debtorAccount: '31001500000050000001',
  debtorBankName: '中国建设银行上海分行',
  nbOfTxs: ps.length,
  ctrlSumFen: ps.reduce((s, p) => s + p.amountFen, 0),
});

describe('money', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [150000, '1500.00'],
    [123456789, '1234567.89'],
  ])('fenToYuan(%i) = %s', (f, y) => {
    expect(fenToYuan(f)).toBe(y);
    expect(yuanToFen(y)).toBe(f);
  });
  it.each([['1.234'], ['-1.00'], ['abc'], ['']])('yuanToFen refuses %s', (s) => expect(yuanToFen(s)).toBeNull());
  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (f) => yuanToFen(fenToYuan(f)) === f));
  });
});

describe('XML text', () => {
  it('escapes markup, drops the control characters XML 1.0 forbids, keeps everything else as is', () => {
    expect(xmlEscape('张三 Zhang-San 6222020200000001')).toBe('张三 Zhang-San 6222020200000001');
    expect(xmlEscape(`A&B <C> "D" 'E'`)).toBe('A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;');
    expect(xmlEscape('a\u0000b\u0008c\td\ne\rf\u001fg')).toBe('abc\td\ne\rfg');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = xmlEscape(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
        for (const ch of out) {
          const n = ch.charCodeAt(0);
          expect(n >= 0x20 || n === 0x09 || n === 0x0a || n === 0x0d).toBe(true);
        }
      }),
    );
  });

  it('clips to code points, not UTF-16 units', () => {
    expect(clip('培训补贴', 2)).toBe('培训');
    expect(clip('𠀀𠀁𠀂', 2)).toBe('𠀀𠀁');
    expect(clip('abc', 3)).toBe('abc');
  });
});

describe('pain.001.001.09 writer', () => {
  it('writes an XSD-valid document with exact NbOfTxs and CtrlSum', async () => {
    const ps = payments(25);
    const xml = await collect((out) => writePain001(out, header(ps), ps));
    const v = await validateXml(xml, PAIN_XSD);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    const sum = fenToYuan(ps.reduce((s, p) => s + p.amountFen, 0));
    expect(xml).toContain(`<NbOfTxs>25</NbOfTxs><CtrlSum>${sum}</CtrlSum>`);
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(25);
    expect(xml).toContain('张三 &amp; &lt;李四&gt;');
    expect(xml).toContain('<Othr><Id>6222020000000000001</Id></Othr>');
  });

  it('refuses a stream that disagrees with the declared totals', async () => {
    const ps = payments(3);
    await expect(collect((out) => writePain001(out, { ...header(ps), nbOfTxs: 4 }, ps))).rejects.toThrow(/totals disagree/);
  });

  it('an invalid document is reported by the validator', async () => {
    const v = await validateXml('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><Nope/></Document>', PAIN_XSD);
    expect(v.ok).toBe(false);
    expect(v.errors.length).toBeGreaterThan(0);
  });
});

describe('CSV 代发 sheet', () => {
  it('streams one line per payment with accounts as text and formulas neutralised', async () => {
    const ps = payments(3);
    ps[0]!.creditorName = '=HYPERLINK("x")';
    const csv = await collect((out) => writeDisbursementCsv(out, ps));
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain('1500.07');
  });
});

describe('bank simulator → camt.054 reader', () => {
  it('answers an XSD-valid camt.054; failing accounts are rejected with a reason', async () => {
    const ps = payments(10);
    const pain = await collect((out) => writePain001(out, header(ps), ps));
    const failing = [ps[2]!.creditorAccount, ps[7]!.creditorAccount];
    let sim = { booked: 0, rejected: 0, requestMsgId: null as string | null };
    const camt = await collect(async (out) => {
      sim = await simulateBank(Readable.from([pain.slice(0, 500), pain.slice(500)]), out, { failingAccounts: failing, at: new Date('2026-11-27T02:00:00Z') });
    });
    expect(sim).toEqual({ requestMsgId: 'B20261126-0001', booked: 8, rejected: 2 });
    const v = await validateXml(camt, CAMT_XSD);
    expect(v.errors).toEqual([]);
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    // feed in small chunks to exercise the streaming split
    const chunks = camt.match(/[\s\S]{1,97}/g)!;
    const entries = [];
    for await (const e of readCamt054(Readable.from(chunks), outcome)) entries.push(e);
    expect(outcome.msgId).toBe('SIM-B20261126-0001');
    expect(outcome.issues).toEqual([]);
    expect(entries).toHaveLength(10);
    expect(entries[0]).toEqual({ endToEndId: ps[0]!.endToEndId, amountFen: ps[0]!.amountFen, status: 'booked', reason: null, position: 1 });
    expect(entries[2]).toMatchObject({ endToEndId: ps[2]!.endToEndId, status: 'rejected', reason: expect.stringContaining('AC04') });
    expect(entries.filter((e) => e.status === 'rejected').map((e) => e.endToEndId)).toEqual([ps[2]!.endToEndId, ps[7]!.endToEndId]);
  });

  it('reports an entry without an EndToEndId instead of guessing', async () => {
    const doc = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.10"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-27T00:00:00Z</CreDtTm></GrpHdr><Ntfctn><Id>N</Id><Acct><Id><Othr><Id>1</Id></Othr></Id></Acct>
<Ntry><Amt Ccy="CNY">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BkTxCd/></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = [];
    for await (const e of readCamt054(Readable.from([doc]), outcome)) entries.push(e);
    expect(entries).toEqual([]);
    expect(outcome.issues).toEqual([{ position: 1, message: expect.stringContaining('EndToEndId') }]);
  });

  it('reads an entry with several transactions (batch booking) and escaped references the same way', async () => {
    const head = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.10"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M2</MsgId><CreDtTm>2026-11-27T00:00:00Z</CreDtTm></GrpHdr><Ntfctn><Id>N</Id><Acct><Id><Othr><Id>1</Id></Othr></Id></Acct>`;
    const tx = (e2e: string, amt: string, rtr = '') =>
      `<TxDtls><Refs><EndToEndId>${e2e}</EndToEndId></Refs><Amt Ccy="CNY">${amt}</Amt><CdtDbtInd>DBIT</CdtDbtInd>${rtr}</TxDtls>`;
    const doc =
      head +
      `<Ntry><Amt Ccy="CNY">3.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BkTxCd/><NtryDtls>${tx('A&amp;1', '1.00')}${tx('A-2', '2.00', '<RtrInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>账号错误</AddtlInf></RtrInf>')}</NtryDtls></Ntry>` +
      `<Ntry><Amt Ccy="CNY">4.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts><BkTxCd/><NtryDtls>${tx('A-3', '4.00')}</NtryDtls></Ntry>` +
      `<Ntry><Amt Ccy="CNY">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BkTxCd/><NtryDtls>${tx('A&amp;4', '5.00')}</NtryDtls></Ntry>` +
      `</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    expect((await validateXml(doc, CAMT_XSD)).errors).toEqual([]);
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = [];
    for await (const e of readCamt054(Readable.from([doc]), outcome)) entries.push(e);
    expect(entries).toEqual([
      { endToEndId: 'A&1', amountFen: 100, status: 'booked', reason: null, position: 1 },
      { endToEndId: 'A-2', amountFen: 200, status: 'rejected', reason: 'AC01: 账号错误', position: 1 },
      { endToEndId: 'A-3', amountFen: 400, status: 'rejected', reason: 'entry status PDNG', position: 2 },
      { endToEndId: 'A&4', amountFen: 500, status: 'booked', reason: null, position: 3 },
    ]);
  });
});

describe('CSV result reader', () => {
  it('reads Chinese and English headers and statuses; reports what it cannot read', async () => {
    const csv = '\ufeffEndToEndId,金额,状态,原因\r\nA-1,1500.00,成功,\r\nA-2,2000.5,失败,户名不符\r\nA-3,12.345,成功,\r\nA-4,1.00,maybe,\r\n,1.00,成功,\r\n';
    const outcome: ReadOutcome = { msgId: null, issues: [] };
    const entries = [];
    for await (const e of readResultCsv(Readable.from([Buffer.from(csv)]), outcome)) entries.push(e);
    expect(entries).toEqual([
      { endToEndId: 'A-1', amountFen: 150000, status: 'booked', reason: null, position: 2 },
      { endToEndId: 'A-2', amountFen: 200050, status: 'rejected', reason: '户名不符', position: 3 },
    ]);
    expect(outcome.issues.map((i) => i.position)).toEqual([4, 5, 6]);
  });
});
