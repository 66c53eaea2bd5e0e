/**
 * Pure rules of the lifelong record (终身电子培训档案) and the documents the platform issues: time order, the
 * totals, the canonical JSON that is digested and signed, the signed statement, and how an uploaded PDF names
 * the document it claims to be.
 */
import { businessDate } from '../../lib/time.js';
import type { EntryKind, RecordEntry, RecordTotals } from './schemas.js';

/** Time order; at the same instant the natural order of a story (a voucher before its registration …). */
const KIND_ORDER: Record<EntryKind, number> = {
  voucher: 0,
  registration: 1,
  admission: 2,
  attendance: 3,
  assessment: 4,
  certificate: 5,
  subsidy: 6,
  subsidy_paid: 7,
  rehab: 8,
};

/**
 * When a result goes in the record: the day of the assessment (考核日期), not the day the assessor typed it in — a
 * result recorded days later would otherwise stand after its own certificate and after the claim's start. Recorded
 * on the day itself, the instant it was recorded; else noon of that day, with the certificate (which follows it).
 */
export function resultAt(r: { assessedOn: string; createdAt: Date }): Date {
  return businessDate(r.createdAt) === r.assessedOn ? r.createdAt : new Date(`${r.assessedOn}T12:00:00+08:00`);
}

export function inTimeOrder(entries: readonly RecordEntry[]): RecordEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.ref.localeCompare(b.ref)));
}

/** Claims whose money reached the payee, and claims approved but not (yet) paid. */
const PAID = new Set(['paid']);
const APPROVED = new Set(['approved', 'in_batch', 'paid']);

export function totalsOf(entries: readonly RecordEntry[]): RecordTotals {
  const attendance = entries.filter((e) => e.kind === 'attendance');
  const certificates = entries.filter((e) => e.kind === 'certificate');
  const claims = entries.filter((e) => e.kind === 'subsidy');
  const byLevel = new Map<number, number>();
  for (const c of certificates) byLevel.set(c.level ?? 0, (byLevel.get(c.level ?? 0) ?? 0) + 1);
  return {
    hoursTrained: Math.round(attendance.reduce((s, e) => s + (e.hours ?? 0), 0) * 10) / 10,
    sessionsAttended: attendance.reduce((s, e) => s + (e.sessions?.attended ?? 0), 0),
    classesAttended: attendance.filter((e) => (e.sessions?.attended ?? 0) > 0).length,
    vouchers: entries.filter((e) => e.kind === 'voucher').length,
    certificates: certificates.length,
    certificatesByLevel: [...byLevel.entries()].sort((a, b) => a[0] - b[0]).map(([level, count]) => ({ level, count })),
    subsidyReceivedFen: claims.filter((c) => PAID.has(c.status ?? '')).reduce((s, c) => s + (c.amountFen ?? 0), 0),
    subsidyApprovedFen: claims.filter((c) => APPROVED.has(c.status ?? '')).reduce((s, c) => s + (c.amountFen ?? 0), 0),
  };
}

/** Hours of a set of sessions (start/end instants), to a tenth. */
export const hoursOf = (sessions: ReadonlyArray<{ startsAt: Date; endsAt: Date }>): number =>
  Math.round(sessions.reduce((s, x) => s + (x.endsAt.getTime() - x.startsAt.getTime()) / 3_600_000, 0) * 10) / 10;

/** Canonical JSON: keys sorted at every depth, no whitespace, so equal content has one text and one digest. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The statement the platform signs for an issued document. */
export const signedStatement = (d: { id: string; kind: string; issuedAt: string; contentDigest: string; digestAlg: string }): string =>
  `skillvoucher-document/v1|${d.id}|${d.kind}|${d.issuedAt}|${d.digestAlg}:${d.contentDigest}`;

/** The PDF's document-information keys that carry the document's id and the platform's signature. */
export const PDF_KEYS = { id: 'SvDocumentId', digest: 'SvContentDigest', signature: 'SvSignature' } as const;

/**
 * The document id a PDF claims: its information dictionary's SvDocumentId, a literal string written in place
 * or (as pdfkit writes it) an indirect object `/SvDocumentId n 0 R` … `n 0 obj (…)`. null: it names none of ours.
 */
export function claimedDocumentId(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
  const direct = new RegExp(`/${PDF_KEYS.id}\\s*\\(${UUID}\\)`).exec(text);
  if (direct) return direct[1]!.toLowerCase();
  const ref = new RegExp(`/${PDF_KEYS.id}\\s+(\\d+)\\s+0\\s+R`).exec(text);
  if (!ref) return null;
  const obj = new RegExp(`(?:^|\\s)${ref[1]}\\s+0\\s+obj\\s*\\(${UUID}\\)`).exec(text);
  return obj ? obj[1]!.toLowerCase() : null;
}

/** A PDF starts with %PDF- (anything else is not a document we issued). */
export const looksLikePdf = (b: Buffer): boolean => b.length > 8 && b.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * When a voucher enters the story: its issue, or — when its validity starts on an earlier day than the row was
 * written (a backdated issuance or an import) — the start of its first valid day (Asia/Shanghai).
 */
export function voucherAt(v: { issuedAt: Date; validFrom: string }): Date {
  const from = new Date(`${v.validFrom}T00:00:00+08:00`);
  return from < v.issuedAt && businessDate(from) < businessDate(v.issuedAt) ? from : v.issuedAt;
}
