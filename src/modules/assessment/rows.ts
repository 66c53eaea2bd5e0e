/** The `assessment_results` table: its row, and the one place its rows become answers (a result, a certificate). */
import type { CertificateType } from './rules.js';
import type { ResultView } from './schemas.js';

export interface ResultRow {
  id: string;
  voucher_id: string;
  person_id: string;
  class_id: string | null;
  assessor_org_id: string | null;
  recorded_by: string | null;
  passed: boolean;
  score: string | null;
  level: number;
  level_change_reason: string | null;
  occupation_code: string;
  certificate_number: string | null;
  certificate_type: CertificateType | null;
  assessed_on: string;
  claim_id: string | null;
  created_at: Date;
}

export const presentResult = (
  r: ResultRow,
  extra: { voucherNumber?: string | null; candidateNameMasked?: string | null; claimStatus?: string | null; claimNumber?: string | null } = {},
): ResultView => ({
  id: r.id,
  voucherId: r.voucher_id,
  voucherNumber: extra.voucherNumber ?? null,
  candidateNameMasked: extra.candidateNameMasked ?? null,
  classId: r.class_id,
  passed: r.passed,
  score: r.score === null ? null : Number(r.score),
  level: r.level,
  levelChangeReason: r.level_change_reason ?? null,
  occupationCode: r.occupation_code,
  certificateNumber: r.certificate_number,
  certificateType: r.certificate_type,
  assessedOn: r.assessed_on,
  claimId: r.claim_id,
  claimNumber: extra.claimNumber ?? null,
  claimStatus: extra.claimStatus ?? null,
  createdAt: r.created_at.toISOString(),
});
