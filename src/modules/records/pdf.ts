/**
 * The issued documents as PDF (pdfkit 0.20): the lifelong training record and a certificate copy, in zh-CN with
 * Noto Sans CJK from Debian's fonts-noto-cjk (pdfkit embeds only the glyphs used: a record is tens of kB), a QR
 * code to the public verify page, and the platform's signature in the document information dictionary
 * (SvDocumentId, SvContentDigest, SvSignature) — the verify page reads the id from an uploaded file.
 */
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../lib/errors.js';
import { shanghaiLocal } from '../../lib/time.js';
import { KIND_LABEL, LEVEL_LABEL, STATUS_LABEL, yuan } from './labels.js';
import { PDF_KEYS } from './rules.js';
import type { LifelongRecord, RecordEntry } from './schemas.js';
import type { Signature } from './signing.js';

const FONT_CANDIDATES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'] as const;

/**
 * The CJK font, read once: the first document parses the collection (≈ 1 s here), later ones reuse the parsed
 * font object (pdfkit accepts a fontkit font as a font source) and only subset it (tens of ms).
 */
let fontSource: Buffer | object | null = null;
let fontFamily = 'NotoSansCJKsc-Regular';
function cjkFont(): Buffer | object {
  if (fontSource) return fontSource;
  for (const path of FONT_CANDIDATES)
    if (existsSync(path)) {
      fontFamily = path.includes('Serif') ? 'NotoSerifCJKsc-Regular' : 'NotoSansCJKsc-Regular';
      return (fontSource = readFileSync(path));
    }
  throw new AppError('SERVICE_UNAVAILABLE', 'the CJK font (Debian fonts-noto-cjk) is not installed on this server');
}

export interface Stamp {
  id: string;
  issuedAt: Date;
  contentDigest: string;
  digestAlg: string;
  signature: Signature;
  verifyUrl: string;
}

function newDoc(title: string, s: Stamp): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Author: '职业培训券管理服务平台', CreationDate: s.issuedAt } });
  const info = doc.info as unknown as Record<string, string>;
  info[PDF_KEYS.id] = s.id;
  info[PDF_KEYS.digest] = `${s.digestAlg}:${s.contentDigest}`;
  info[PDF_KEYS.signature] = `${s.signature.alg}:${s.signature.kid}:${s.signature.value}`;
  doc.registerFont('cjk', cjkFont() as Buffer, fontFamily);
  doc.font('cjk');
  // keep the parsed font for the next document (pdfkit's EmbeddedFont holds the fontkit font as `.font`)
  const parsed = (doc as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  if (parsed && typeof parsed.layout === 'function') fontSource = parsed;
  return doc;
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function stampBlock(doc: PDFKit.PDFDocument, s: Stamp, what: string): Promise<void> {
  const qr = await QRCode.toBuffer(s.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const x = doc.page.width - 48 - 96;
  doc.image(qr, x, 48, { width: 96 });
  doc.fontSize(7).fillColor('#555').text('扫码核验', x, 148, { width: 96, align: 'center' });
  doc.fillColor('#000');
  const y = doc.page.height - 48 - 42;
  doc
    .fontSize(7)
    .fillColor('#555')
    .text(
      `本${what}由职业培训券管理服务平台出具并签名（${s.signature.alg}，密钥 ${s.signature.kid}）。文件编号 ${s.id}；内容摘要（${s.digestAlg.toUpperCase()}）${s.contentDigest}。扫描二维码或访问 ${s.verifyUrl} 核验；亦可在核验页上传本文件，被改动的文件将被识别。`,
      48,
      y,
      { width: doc.page.width - 96, height: 42 },
    )
    .fillColor('#000');
}

const describe = (e: RecordEntry): string => {
  const parts = [e.title];
  if (e.occupationName && e.occupationName !== e.title) parts.push(e.occupationName);
  if (e.level !== null && e.kind !== 'registration') parts.push(LEVEL_LABEL[e.level] ?? '');
  if (e.kind === 'voucher' || e.kind === 'certificate' || e.kind === 'subsidy' || e.kind === 'subsidy_paid') parts.push(e.ref);
  if (e.sessions) parts.push(`签到 ${e.sessions.attended}/${e.sessions.total} 次，${e.hours ?? 0} 学时`);
  else if (e.kind === 'admission' && e.hours !== null) parts.push(`课程 ${e.hours} 学时`);
  if (e.amountFen !== null) parts.push(yuan(e.amountFen));
  return parts.filter(Boolean).join(' · ');
};

function totalsBlock(doc: PDFKit.PDFDocument, r: LifelongRecord): void {
  const t = r.totals;
  const certs = t.certificatesByLevel.length ? t.certificatesByLevel.map((c) => `${LEVEL_LABEL[c.level] ?? c.level} ${c.count} 本`).join('，') : '无';
  doc.fontSize(10).text(`累计培训学时：${t.hoursTrained} 学时（签到 ${t.sessionsAttended} 次，${t.classesAttended} 个班级）`, 48, doc.y + 6);
  doc.text(`取得证书：${t.certificates} 本（${certs}）`);
  doc.text(`已到账补贴：${yuan(t.subsidyReceivedFen)}；已核准补贴：${yuan(t.subsidyApprovedFen)}；领取培训券：${t.vouchers} 张`);
}

function entriesTable(doc: PDFKit.PDFDocument, entries: readonly RecordEntry[]): void {
  const left = 48;
  const cols = [left, left + 92, left + 160, doc.page.width - 48 - 60];
  const bottom = doc.page.height - 48 - 50;
  const header = (y: number) => {
    doc.fontSize(9).fillColor('#333');
    ['时间', '事项', '内容', '状态'].forEach((h, i) => doc.text(h, cols[i]!, y, { width: (cols[i + 1] ?? doc.page.width - 48) - cols[i]! - 4 }));
    doc.fillColor('#000');
    return y + 16;
  };
  let y = header(doc.y + 14);
  for (const e of entries) {
    const text = describe(e);
    const h = Math.max(14, doc.fontSize(8.5).heightOfString(text, { width: cols[3]! - cols[2]! - 6 }) + 4);
    if (y + h > bottom) {
      doc.addPage();
      y = header(48);
    }
    doc.fontSize(8.5);
    doc.text(shanghaiLocal(new Date(e.at)).slice(0, 16), cols[0]!, y, { width: cols[1]! - cols[0]! - 4 });
    doc.text(KIND_LABEL[e.kind], cols[1]!, y, { width: cols[2]! - cols[1]! - 4 });
    doc.text(text, cols[2]!, y, { width: cols[3]! - cols[2]! - 6 });
    doc.text(e.status ? (STATUS_LABEL[e.status] ?? '') : '', cols[3]!, y, { width: 60 });
    y += h;
  }
  if (!entries.length) doc.fontSize(9).text('暂无培训记录。', left, y);
}

export async function renderRecordPdf(r: LifelongRecord, s: Stamp): Promise<Buffer> {
  const doc = newDoc('终身职业技能电子培训档案', s);
  await stampBlock(doc, s, '档案');
  doc.fontSize(18).text('终身职业技能电子培训档案', 48, 56);
  doc.fontSize(10).text(`姓名：${r.name}    身份证号：${r.idNumberMasked}`, 48, 90);
  doc.text(`出具时间：${shanghaiLocal(s.issuedAt)}（北京时间）`);
  totalsBlock(doc, r);
  doc.y = Math.max(doc.y, 160);
  entriesTable(doc, r.entries);
  return finish(doc);
}

export interface CertificateCopy {
  holderName: string;
  idNumberMasked: string;
  certificateNumber: string;
  certificateType: string;
  occupationName: string;
  level: number;
  issuerName: string;
  issuedOn: string;
}

export async function renderCertificatePdf(c: CertificateCopy, s: Stamp): Promise<Buffer> {
  const doc = newDoc('职业技能等级证书（电子副本）', s);
  await stampBlock(doc, s, '证书副本');
  doc.fontSize(18).text(`${STATUS_LABEL[c.certificateType] ?? '证书'}（电子副本）`, 48, 56);
  doc.fontSize(11).moveDown(2);
  const rows: Array<[string, string]> = [
    ['证书编号', c.certificateNumber],
    ['持证人', c.holderName],
    ['身份证号', c.idNumberMasked],
    ['职业（工种）', c.occupationName],
    ['等级', LEVEL_LABEL[c.level] ?? String(c.level)],
    ['发证机构', c.issuerName],
    ['发证日期', c.issuedOn],
  ];
  let y = 180;
  for (const [k, v] of rows) {
    doc.text(`${k}：`, 48, y, { width: 100 });
    doc.text(v, 150, y, { width: doc.page.width - 48 - 150 });
    y += 24;
  }
  doc
    .fontSize(9)
    .fillColor('#555')
    .text('本副本供查验使用，证书信息以技能人才评价证书全国联网查询结果为准。', 48, y + 12)
    .fillColor('#000');
  return finish(doc);
}
