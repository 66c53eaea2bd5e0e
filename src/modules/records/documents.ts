/**
 * Issued documents: the lifelong-record PDF and certificate copies — digested, signed by the platform, kept in
 * `issued_documents` (with the SHA-256 of the exact file served) — and their public check: by id (the QR
 * code) or by uploading the file (genuine / tampered / unknown).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.js';
import { now as clockNow } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { maskId, maskName } from '../../lib/identifiers.js';
import { businessDate } from '../../lib/time.js';
import * as assessment from '../assessment/index.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import type { Person } from '../persons/index.js';
import { renderCertificatePdf, renderRecordPdf, type Stamp } from './pdf.js';
import { recordOf } from './record.js';
import { canonicalJson, claimedDocumentId, looksLikePdf, signedStatement } from './rules.js';
import type { DocumentCheck, UploadCheck } from './schemas.js';
import { digest, signText, suiteInForce, verifyText, type SignatureAlg } from './signing.js';

export interface IssuedPdf {
  id: string;
  pdf: Buffer;
  filename: string;
}

interface DocumentRow {
  id: string;
  kind: 'record' | 'certificate';
  person_id: string;
  holder_name_masked: string;
  content_digest: string;
  digest_alg: 'sha256' | 'sm3';
  signature_alg: SignatureAlg;
  signature_kid: string;
  signature: string;
  file_sha256: string;
  issued_at: Date;
  issued_on: string;
}

const fileSha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Digest and sign a content; the stamp the PDF carries. */
async function stampFor(kind: 'record' | 'certificate', content: unknown, verifyBase: string): Promise<Stamp> {
  const id = randomUUID();
  const issuedAt = clockNow();
  const { digestAlg } = await suiteInForce();
  const contentDigest = digest(digestAlg, canonicalJson(content));
  const signature = await signText(signedStatement({ id, kind, issuedAt: issuedAt.toISOString(), contentDigest, digestAlg }));
  return { id, issuedAt, contentDigest, digestAlg, signature, verifyUrl: `${verifyBase.replace(/\/$/, '')}/public/verify/${id}` };
}

async function store(db: Db, actor: Actor, kind: 'record' | 'certificate', person: Person, subjectId: string | null, content: unknown, s: Stamp, pdf: Buffer) {
  await db.tx(async (tx) => {
    await tx.query(
      `INSERT INTO issued_documents (id, kind, person_id, subject_id, holder_name_masked, content, content_digest, digest_alg, signature_alg,
         signature_kid, signature, file_sha256, issued_at, issued_on, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        s.id,
        kind,
        person.id,
        subjectId,
        maskName(person.name),
        JSON.stringify(content),
        s.contentDigest,
        s.digestAlg,
        s.signature.alg,
        s.signature.kid,
        s.signature.value,
        fileSha256(pdf),
        s.issuedAt,
        businessDate(s.issuedAt),
        actor.accountId,
      ],
    );
    await audit.record(tx, actor, {
      action: `document.issue.${kind}`,
      entityType: 'issued_document',
      entityId: s.id,
      districtCode: person.districtCode,
      detail: { personId: person.id, subjectId, contentDigest: s.contentDigest, digestAlg: s.digestAlg, signatureAlg: s.signature.alg },
    });
  });
}

/** The lifelong record as a signed PDF (a new document each time, with its own id and issue time). */
export async function issueRecordPdf(actor: Actor, db: Db, person: Person, verifyBase: string): Promise<IssuedPdf> {
  const record = await recordOf(db, person);
  const content = { kind: 'record', ...record };
  const s = await stampFor('record', content, verifyBase);
  const pdf = await renderRecordPdf(record, s);
  await store(db, actor, 'record', person, null, content, s, pdf);
  return { id: s.id, pdf, filename: `training-record-${businessDate(s.issuedAt)}.pdf` };
}

/** A certificate of the person as a signed copy with a verification QR. */
export async function issueCertificatePdf(actor: Actor, db: Db, person: Person, certificateId: string, verifyBase: string): Promise<IssuedPdf> {
  const c = await assessment.certificateOfPerson(db, person.id, certificateId);
  const occupation = await catalog.getOccupation(db, c.occupationCode);
  const copy = {
    holderName: person.name,
    idNumberMasked: maskId(person.idNumber),
    certificateNumber: c.certificateNumber,
    certificateType: c.certificateType,
    occupationName: occupation?.name ?? c.occupationCode,
    level: c.level,
    issuerName: c.issuerName,
    issuedOn: c.assessedOn,
  };
  const content = { kind: 'certificate', certificateId: c.id, ...copy };
  const s = await stampFor('certificate', content, verifyBase);
  const pdf = await renderCertificatePdf(copy, s);
  await store(db, actor, 'certificate', person, c.id, content, s, pdf);
  return { id: s.id, pdf, filename: `certificate-${c.certificateNumber}.pdf` };
}

async function present(r: DocumentRow): Promise<DocumentCheck> {
  const issuedAt = new Date(r.issued_at).toISOString();
  const signatureValid = await verifyText(signedStatement({ id: r.id, kind: r.kind, issuedAt, contentDigest: r.content_digest, digestAlg: r.digest_alg }), {
    alg: r.signature_alg,
    kid: r.signature_kid,
    value: r.signature,
  });
  return {
    id: r.id,
    kind: r.kind,
    holderNameMasked: r.holder_name_masked,
    issuedAt,
    issuedOn: r.issued_on,
    contentDigest: r.content_digest,
    digestAlg: r.digest_alg,
    signatureAlg: r.signature_alg,
    signatureValid,
  };
}

const COLS = `id, kind, person_id, holder_name_masked, content_digest, digest_alg, signature_alg, signature_kid, signature, file_sha256, issued_at, issued_on::text AS issued_on`;
const byId = async (q: Queryable, id: string): Promise<DocumentRow | null> =>
  (await q.query<DocumentRow>(`SELECT ${COLS} FROM issued_documents WHERE id = $1`, [id])).rows[0] ?? null;

/** The public check by id (the QR code): the masked name, issue date, digest and whether the signature holds. */
export async function checkDocument(q: Queryable, id: string): Promise<DocumentCheck> {
  const r = await byId(q, id);
  if (!r) throw notFound('document', 'id');
  return present(r);
}

/** The public check of an uploaded file: byte for byte the file issued (and signed) → genuine. */
export async function checkUpload(q: Queryable, file: Buffer): Promise<UploadCheck> {
  if (!looksLikePdf(file)) throw new AppError('DOCUMENT_UNREADABLE', 'the file is not a PDF', 'body');
  const id = claimedDocumentId(file);
  const r = id ? await byId(q, id) : null;
  if (!r) return { outcome: 'unknown', document: null };
  const document = await present(r);
  const genuine = document.signatureValid && fileSha256(file) === r.file_sha256;
  return { outcome: genuine ? 'genuine' : 'tampered', document };
}
