/**
 * Bank files for 代发 (disbursement), all streamed:
 *  - writePain001 / writePain001Groups: ISO 20022 pain.001.001.09 credit transfer initiation (CNY, one
 *    PmtInf per debtor account, one CdtTrfTxInf per payment, accounts as Othr/Id, an EndToEndId per payment, NbOfTxs + CtrlSum);
 *  - writeDisbursementCsv: the CSV 代发 sheet the bank's corporate portal accepts;
 *  - readCamt054: ISO 20022 camt.054.001.10 debit/credit notification → result entries;
 *  - readResultCsv: the bank's CSV result sheet → the same entries;
 *  - validateXml: XSD validation through xmllint (streaming mode).
 * The header totals are known before the payments are streamed (the caller aggregates them in SQL);
 * the writer re-counts and throws when the stream disagrees, so a short file is never declared complete.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { XMLParser } from 'fast-xml-parser';
import { fenToYuan, yuanToFen } from './money.js';

export const PAIN001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
export const CAMT054_NS = 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.10';

export interface Pain001Header {
  msgId: string; // ≤ 35
  createdAt: Date;
  initiatorName: string;
  pmtInfId: string; // ≤ 35
  requestedDate: string; // YYYY-MM-DD
  debtorName: string;
  debtorAccount: string;
  debtorBankName: string;
  nbOfTxs: number;
  ctrlSumFen: number | bigint;
}

export interface Payment {
  endToEndId: string; // ≤ 35
  amountFen: number;
  creditorName: string;
  creditorAccount: string;
  creditorBankName: string | null;
  remittance: string | null; // ≤ 140
}

export interface WriteTotals {
  count: number;
  sumFen: bigint;
}

const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Whether s holds a character to escape (&<>"') or to drop (a control character XML 1.0 forbids). */
function needsXmlWork(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const n = s.charCodeAt(i);
    if (n < 0x20 ? n !== 0x09 && n !== 0x0a && n !== 0x0d : n === 0x26 || n === 0x3c || n === 0x3e || n === 0x22 || n === 0x27) return true;
  }
  return false;
}

export function xmlEscape(s: string): string {
  if (!needsXmlWork(s)) return s; // the common case: one scan, no new string
  // drop the control characters XML 1.0 forbids (all below U+0020 but tab, line feed and carriage return)
  let clean = '';
  for (const c of s) {
    const n = c.charCodeAt(0);
    if (n >= 0x20 || n === 0x09 || n === 0x0a || n === 0x0d) clean += c;
  }
  return clean.replace(/[&<>"']/g, (c) => XML_ESC[c]!);
}

/** Truncates to n code points (ISO MaxNText counts characters). */
export function clip(s: string, n: number): string {
  if (s.length <= n) return s; // n UTF-16 units hold at most n code points
  const cps = Array.from(s);
  return cps.length <= n ? s : cps.slice(0, n).join('');
}

/** Buffered writer honouring backpressure. */
class Chunked {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Writable,
    private readonly limit = 1 << 16,
  ) {}
  async push(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= this.limit) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.out.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          this.out.off('drain', onDrain);
          reject(e);
        };
        this.out.once('drain', onDrain);
        this.out.once('error', onError);
      });
    }
  }
}

const isoDateTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function checkMax(name: string, v: string, n: number): void {
  if (v.length === 0 || v.length > n) throw new Error(`${name} must be 1..${n} characters`);
}

/** The group header of a pain.001 (GrpHdr): the totals over every PmtInf. */
export interface Pain001GroupHeader {
  msgId: string; // ≤ 35
  createdAt: Date;
  initiatorName: string;
  nbOfTxs: number;
  ctrlSumFen: number | bigint;
}

/** One payment information block (PmtInf): one debtor account, its payments and their totals. */
export interface Pain001PaymentGroup {
  pmtInfId: string; // ≤ 35
  requestedDate: string; // YYYY-MM-DD
  debtorName: string;
  debtorAccount: string;
  debtorBankName: string;
  nbOfTxs: number;
  ctrlSumFen: number | bigint;
  payments: AsyncIterable<Payment> | Iterable<Payment>;
}

/** Streams a pain.001.001.09 document with one PmtInf; returns the totals actually written. */
export async function writePain001(out: Writable, h: Pain001Header, payments: AsyncIterable<Payment> | Iterable<Payment>): Promise<WriteTotals> {
  return writePain001Groups(out, h, [{ ...h, payments }]);
}

/**
 * Streams a pain.001.001.09 document with one PmtInf per group (per debtor account), in the order given;
 * returns the totals actually written. Each group's header totals and the group header's are checked against
 * what was streamed: a disagreement throws before the document is closed.
 */
export async function writePain001Groups(out: Writable, h: Pain001GroupHeader, groups: readonly Pain001PaymentGroup[]): Promise<WriteTotals> {
  checkMax('msgId', h.msgId, 35);
  if (groups.length === 0) throw new Error('a pain.001 needs at least one PmtInf');
  for (const g of groups) checkMax('pmtInfId', g.pmtInfId, 35);
  const headerSum = groups.reduce((a, g) => a + BigInt(g.ctrlSumFen), 0n);
  const headerNb = groups.reduce((a, g) => a + g.nbOfTxs, 0);
  if (headerNb !== h.nbOfTxs || headerSum !== BigInt(h.ctrlSumFen))
    throw new Error(`pain.001 totals disagree: group header ${h.nbOfTxs} / ${fenToYuan(h.ctrlSumFen)}, PmtInf ${headerNb} / ${fenToYuan(headerSum)}`);
  const w = new Chunked(out);
  await w.push(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${PAIN001_NS}"><CstmrCdtTrfInitn>` +
      `<GrpHdr><MsgId>${xmlEscape(h.msgId)}</MsgId><CreDtTm>${isoDateTime(h.createdAt)}</CreDtTm><NbOfTxs>${h.nbOfTxs}</NbOfTxs><CtrlSum>${fenToYuan(h.ctrlSumFen)}</CtrlSum>` +
      `<InitgPty><Nm>${xmlEscape(clip(h.initiatorName, 140))}</Nm></InitgPty></GrpHdr>`,
  );
  let count = 0;
  let total = 0n;
  for (const g of groups) {
    const nb = String(g.nbOfTxs);
    const sum = fenToYuan(g.ctrlSumFen);
    await w.push(
      `<PmtInf><PmtInfId>${xmlEscape(g.pmtInfId)}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>false</BtchBookg><NbOfTxs>${nb}</NbOfTxs><CtrlSum>${sum}</CtrlSum>` +
        `<ReqdExctnDt><Dt>${g.requestedDate}</Dt></ReqdExctnDt>` +
        `<Dbtr><Nm>${xmlEscape(clip(g.debtorName, 140))}</Nm></Dbtr>` +
        `<DbtrAcct><Id><Othr><Id>${xmlEscape(g.debtorAccount)}</Id></Othr></Id><Ccy>CNY</Ccy></DbtrAcct>` +
        `<DbtrAgt><FinInstnId><Nm>${xmlEscape(clip(g.debtorBankName, 140))}</Nm></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>\n`,
    );
    let gCount = 0;
    let gTotal = 0n;
    for await (const p of g.payments) {
      checkMax('endToEndId', p.endToEndId, 35);
      checkMax('creditorAccount', p.creditorAccount, 34);
      if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) throw new Error(`payment ${p.endToEndId}: amount must be a positive integer of fen`);
      gCount++;
      gTotal += BigInt(p.amountFen);
      await w.push(
        `<CdtTrfTxInf><PmtId><InstrId>${xmlEscape(p.endToEndId)}</InstrId><EndToEndId>${xmlEscape(p.endToEndId)}</EndToEndId></PmtId>` +
          `<Amt><InstdAmt Ccy="CNY">${fenToYuan(p.amountFen)}</InstdAmt></Amt>` +
          (p.creditorBankName ? `<CdtrAgt><FinInstnId><Nm>${xmlEscape(clip(p.creditorBankName, 140))}</Nm></FinInstnId></CdtrAgt>` : '') +
          `<Cdtr><Nm>${xmlEscape(clip(p.creditorName, 140))}</Nm></Cdtr>` +
          `<CdtrAcct><Id><Othr><Id>${xmlEscape(p.creditorAccount)}</Id></Othr></Id></CdtrAcct>` +
          (p.remittance ? `<RmtInf><Ustrd>${xmlEscape(clip(p.remittance, 140))}</Ustrd></RmtInf>` : '') +
          `</CdtTrfTxInf>\n`,
      );
    }
    if (gCount !== g.nbOfTxs || gTotal !== BigInt(g.ctrlSumFen)) {
      throw new Error(
        `pain.001 totals disagree: ${groups.length > 1 ? `PmtInf ${g.pmtInfId} ` : ''}header ${g.nbOfTxs} / ${sum}, streamed ${gCount} / ${fenToYuan(gTotal)}`,
      );
    }
    count += gCount;
    total += gTotal;
    await w.push('</PmtInf>');
  }
  await w.push(`</CstmrCdtTrfInitn></Document>\n`);
  await w.flush();
  return { count, sumFen: total };
}

const CSV_HEADER = ['序号 No', '收款账号 Account', '收款户名 Name', '开户行 Bank', '金额(元) Amount', '用途 Purpose', 'EndToEndId'];
export function csvCell(v: string): string {
  // neutralise spreadsheet formulas; quote when needed
  let s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Streams the CSV 代发 sheet (UTF-8 with BOM, CRLF, accounts as text). */
export async function writeDisbursementCsv(out: Writable, payments: AsyncIterable<Payment> | Iterable<Payment>): Promise<WriteTotals> {
  const w = new Chunked(out);
  await w.push('\ufeff' + CSV_HEADER.map(csvCell).join(',') + '\r\n');
  let count = 0;
  let total = 0n;
  for await (const p of payments) {
    count++;
    total += BigInt(p.amountFen);
    await w.push(
      [String(count), `\t${p.creditorAccount}`, p.creditorName, p.creditorBankName ?? '', fenToYuan(p.amountFen), p.remittance ?? '', p.endToEndId]
        .map((c, i) => (i === 1 ? `"${c.replace(/"/g, '""')}"` : csvCell(c)))
        .join(',') + '\r\n',
    );
  }
  await w.flush();
  return { count, sumFen: total };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface BankResultEntry {
  endToEndId: string;
  amountFen: number | null;
  status: 'booked' | 'rejected';
  reason: string | null;
  /** 1-based position in the file (entry or CSV line). */
  position: number;
}

export interface ParseIssue {
  position: number;
  message: string;
}

/**
 * Splits a streamed XML document into the text of each `<tag>…</tag>` element (namespace prefix allowed),
 * plus the text before the first one (the head). Elements of `tag` must not nest.
 */
export async function* splitElements(input: AsyncIterable<Buffer | string>, tag: string): AsyncGenerator<{ head: string } | { element: string }> {
  const open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}[\\s>]`, 'g');
  const close = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${tag}\\s*>`, 'g');
  let buf = '';
  let headSent = false;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) {
    buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // scan with positions (no re-slicing of the buffer per element: linear in the input)
    let pos = 0;
    for (;;) {
      open.lastIndex = pos;
      const o = open.exec(buf);
      if (!o) {
        if (!headSent && buf.length > 1 << 20) throw new Error(`no <${tag}> within the first MiB`);
        // keep a tail that may hold the start of a split opening tag
        if (headSent) pos = Math.max(pos, buf.length - 64);
        break;
      }
      if (!headSent) {
        yield { head: buf.slice(0, o.index) };
        headSent = true;
      }
      close.lastIndex = o.index;
      const c = close.exec(buf);
      if (!c) {
        pos = o.index;
        break;
      }
      const end = c.index + c[0].length;
      yield { element: buf.slice(o.index, end) };
      pos = end;
    }
    if (headSent) buf = buf.slice(pos);
  }
  buf += decoder.decode();
  if (!headSent) yield { head: buf };
}

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true });

type Node = Record<string, unknown>;
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  return null;
};
const at = (n: unknown, ...path: string[]): unknown => {
  let cur = n;
  for (const p of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? (cur[0] as Node)?.[p] : (cur as Node)[p];
  }
  return cur;
};

/** Result of reading a camt.054: the message id, the entries, and anything it could not understand. */
export interface ReadOutcome {
  msgId: string | null;
  issues: ParseIssue[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (v: string): string =>
  v.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
  );
const tagText = (xmlText: string, tag: string, from = 0): string | null => {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}(?:\\s[^>]*)?>([^<]*)</`, 'g');
  re.lastIndex = from;
  const m = re.exec(xmlText);
  return m ? unescapeXml(m[1]!.trim()) : null;
};

/**
 * Fast path for the common entry shape (one TxDtls, no CDATA/comments): plain scans instead of a DOM.
 * Anything else returns null and goes through the full parser.
 */
function quickEntry(
  el: string,
): { endToEndId: string; amountText: string | null; amountFen: number | null; status: 'booked' | 'rejected'; reason: string | null; position: number } | null {
  if (el.includes('<![CDATA[') || el.includes('<!--')) return null;
  const txAt = el.search(/<(?:[A-Za-z_][\w.-]*:)?TxDtls>/);
  if (txAt < 0 || el.indexOf('TxDtls>', txAt + 8) !== el.lastIndexOf('TxDtls>')) return null; // none, or several
  const e2e = tagText(el, 'EndToEndId', txAt);
  if (!e2e) return null;
  const stsAt = el.search(/<(?:[A-Za-z_][\w.-]*:)?Sts>/);
  const sts = stsAt >= 0 ? (tagText(el, 'Cd', stsAt) ?? tagText(el, 'Prtry', stsAt)) : null;
  const amountText = tagText(el, 'Amt', txAt) ?? tagText(el, 'Amt');
  const rtrAt = el.search(/<(?:[A-Za-z_][\w.-]*:)?RtrInf>/);
  let reason: string | null = null;
  if (rtrAt >= 0) {
    const code = tagText(el, 'Cd', rtrAt) ?? tagText(el, 'Prtry', rtrAt);
    const addl: string[] = [];
    const re = /<(?:[A-Za-z_][\w.-]*:)?AddtlInf>([^<]*)</g;
    re.lastIndex = rtrAt;
    for (let m = re.exec(el); m; m = re.exec(el)) addl.push(unescapeXml(m[1]!.trim()));
    reason = [code, addl.join(' ')].filter(Boolean).join(': ') || 'returned';
  }
  const status: 'booked' | 'rejected' = sts === 'BOOK' && rtrAt < 0 ? 'booked' : 'rejected';
  if (status === 'rejected' && !reason) reason = `entry status ${sts ?? 'missing'}`;
  return { endToEndId: e2e, amountText, amountFen: amountText === null ? null : yuanToFen(amountText), status, reason, position: 0 };
}

/**
 * A copy of s that does not keep its source alive. A value cut out of the streamed text by a regex or slice
 * may share the memory of the whole read buffer it came from; an importer that keeps every EndToEndId
 * (duplicate detection) would otherwise keep the whole file in memory.
 */
const detach = (s: string): string => (' ' + s).slice(1);

/** Why a transaction came back: its return reason (code and additional information), or the entry's status. */
function returnReason(rtr: unknown, sts: string | null): string | null {
  if (rtr) {
    const code = text(at(rtr, 'Rsn', 'Cd')) ?? text(at(rtr, 'Rsn', 'Prtry'));
    const addl = arr(at(rtr, 'AddtlInf') as unknown)
      .map(text)
      .filter((s): s is string => !!s)
      .join(' ');
    return [code, addl].filter(Boolean).join(': ') || 'returned';
  }
  return sts === 'BOOK' ? null : `entry status ${sts ?? 'missing'}`;
}

/** One transaction detail (TxDtls) of an entry as a result, or null (an issue recorded) when it names no EndToEndId. */
function txResult(
  tx: Node,
  ntry: { sts: string | null; ntryAmt: string | null; single: boolean; position: number },
  outcome: ReadOutcome,
): BankResultEntry | null {
  const { position } = ntry;
  const e2e = text(at(tx, 'Refs', 'EndToEndId'));
  if (!e2e) {
    outcome.issues.push({ position, message: 'transaction without EndToEndId' });
    return null;
  }
  const amtText = text(at(tx, 'Amt')) ?? (ntry.single ? ntry.ntryAmt : null);
  const amountFen = amtText === null ? null : yuanToFen(amtText);
  const rtr = at(tx, 'RtrInf');
  let status: 'booked' | 'rejected' = ntry.sts === 'BOOK' && !rtr ? 'booked' : 'rejected';
  const reason = returnReason(rtr, ntry.sts);
  if (amtText !== null && amountFen === null) {
    outcome.issues.push({ position, message: `amount ${amtText} is not a CNY amount` });
    status = 'rejected';
  }
  return { endToEndId: detach(e2e), amountFen, status, reason: reason && detach(reason), position };
}

/**
 * Streams the entries of a camt.054.001.10. One result per transaction detail (TxDtls) of each entry.
 * booked = Sts BOOK without return information; rejected = return information (RtrInf) or any other status.
 */
export async function* readCamt054(input: AsyncIterable<Buffer | string>, outcome: ReadOutcome): AsyncGenerator<BankResultEntry> {
  let position = 0;
  for await (const part of splitElements(input, 'Ntry')) {
    if ('head' in part) {
      const m = /<(?:\w+:)?MsgId>([^<]*)<\/(?:\w+:)?MsgId>/.exec(part.head);
      outcome.msgId = m ? m[1]!.trim() : null;
      continue;
    }
    position++;
    const quick = quickEntry(part.element);
    if (quick) {
      quick.position = position;
      if (quick.amountText !== null && quick.amountFen === null) {
        outcome.issues.push({ position, message: `amount ${quick.amountText} is not a CNY amount` });
        quick.status = 'rejected';
      }
      yield { endToEndId: detach(quick.endToEndId), amountFen: quick.amountFen, status: quick.status, reason: quick.reason && detach(quick.reason), position };
      continue;
    }
    let ntry: Node;
    try {
      ntry = (xml.parse(part.element) as Node).Ntry as Node;
    } catch (e) {
      outcome.issues.push({ position, message: `entry not well-formed: ${(e as Error).message}` });
      continue;
    }
    const sts = text(at(ntry, 'Sts', 'Cd')) ?? text(at(ntry, 'Sts', 'Prtry'));
    const ntryAmt = text(at(ntry, 'Amt'));
    const txs = arr(at(ntry, 'NtryDtls', 'TxDtls') as Node | Node[] | undefined);
    if (txs.length === 0) {
      outcome.issues.push({ position, message: 'entry without transaction details (no EndToEndId)' });
      continue;
    }
    for (const tx of txs) {
      const entry = txResult(tx, { sts, ntryAmt, single: txs.length === 1, position }, outcome);
      if (entry) yield entry;
    }
  }
}

const OK_WORDS = new Set(['booked', 'success', 'paid', 'ok', '成功', '已入账', '入账成功']);
const FAIL_WORDS = new Set(['rejected', 'failed', 'fail', 'returned', '失败', '退票', '入账失败']);

/**
 * Streams the bank's CSV result sheet. Columns are found by header name (EndToEndId; 金额/amount;
 * 状态/status; 原因/reason), case-insensitive, with or without BOM.
 */
export async function* readResultCsv(input: AsyncIterable<Buffer | string>, outcome: ReadOutcome): AsyncGenerator<BankResultEntry> {
  const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  const feed = (async () => {
    try {
      for await (const c of input) if (!parser.write(c)) await new Promise((r) => parser.once('drain', r));
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  let cols: { e2e: number; amt: number; sts: number; rsn: number } | null = null;
  let line = 0;
  for await (const rec of parser as AsyncIterable<string[]>) {
    line++;
    if (!cols) {
      const h = rec.map((s) => s.toLowerCase());
      const find = (...names: string[]) => h.findIndex((c) => names.some((n) => c.includes(n)));
      cols = { e2e: find('endtoendid', '端到端'), amt: find('金额', 'amount'), sts: find('状态', 'status'), rsn: find('原因', 'reason') };
      if (cols.e2e < 0 || cols.sts < 0) throw new Error('CSV header must name EndToEndId and 状态/status columns');
      continue;
    }
    const e2e = (rec[cols.e2e] ?? '').trim();
    const stsWord = (rec[cols.sts] ?? '').trim().toLowerCase();
    if (!e2e) {
      outcome.issues.push({ position: line, message: 'EndToEndId missing' });
      continue;
    }
    let status: 'booked' | 'rejected';
    if (OK_WORDS.has(stsWord)) status = 'booked';
    else if (FAIL_WORDS.has(stsWord)) status = 'rejected';
    else {
      outcome.issues.push({ position: line, message: `status "${stsWord}" not understood` });
      continue;
    }
    const amtText = cols.amt >= 0 ? (rec[cols.amt] ?? '').replace(/[,¥\s]/g, '') : '';
    const amountFen = amtText ? yuanToFen(amtText) : null;
    if (amtText && amountFen === null) {
      outcome.issues.push({ position: line, message: `amount ${amtText} not understood` });
      continue;
    }
    const reason = cols.rsn >= 0 ? (rec[cols.rsn] ?? '').trim() || null : null;
    yield { endToEndId: e2e, amountFen, status, reason: status === 'rejected' ? (reason ?? 'rejected') : null, position: line };
  }
  await feed;
}

/** Validates an XML document against an XSD with xmllint (streaming validation). */
export async function validateXml(input: AsyncIterable<Buffer | string> | Buffer | string, xsdPath: string): Promise<{ ok: boolean; errors: string[] }> {
  const child = spawn('xmllint', ['--noout', '--stream', '--schema', xsdPath, '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 20_000) stderr += d;
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdin.on('error', () => undefined); // xmllint may exit early on a fatal error
  try {
    if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin.end(input);
    else {
      for await (const c of input) {
        if (!child.stdin.write(c)) await new Promise((r) => child.stdin.once('drain', r));
      }
      child.stdin.end();
    }
  } catch {
    child.stdin.destroy();
  }
  const code = await done;
  const errors = stderr
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s && !/validates$/.test(s));
  return { ok: code === 0, errors: code === 0 ? [] : errors.slice(0, 20) };
}
