/**
 * 技能人才评价证书全国联网查询 — the national certificate lookup, behind an adapter. The only adapter built in is
 * its simulator (全国联网查询模拟器): it confirms every certificate except those listed in its own table
 * `national_certificate_simulator` (outcome `not_found`: not on the national register; `revoked`: 撤销), which
 * the tests and the demo world fill. A real adapter (the national platform's interface) implements
 * `NationalCertificateLookup` and is chosen by NATIONAL_CERT_LOOKUP (src/config.ts); until one exists, any
 * other value refuses to start.
 */
import type { Queryable } from '../../db/index.js';

export type LookupOutcome = { confirmed: true } | { confirmed: false; reason: 'not_found' | 'revoked' };

export interface NationalCertificateLookup {
  /** Shown to officers beside the answer (a simulator says so). */
  readonly label: string;
  confirm(q: Queryable, c: { certificateNumber: string }): Promise<LookupOutcome>;
}

export const nationalLookupSimulator: NationalCertificateLookup = {
  label: '全国联网查询模拟器',
  async confirm(q, c) {
    const { rows } = await q.query<{ outcome: 'not_found' | 'revoked' }>('SELECT outcome FROM national_certificate_simulator WHERE certificate_number = $1', [
      c.certificateNumber,
    ]);
    return rows[0] ? { confirmed: false, reason: rows[0].outcome } : { confirmed: true };
  },
};

let adapter: NationalCertificateLookup = nationalLookupSimulator;

export function configureNationalLookup(name: string): void {
  if (name !== 'simulator') throw new Error(`NATIONAL_CERT_LOOKUP=${name}: only the built-in simulator exists`);
  adapter = nationalLookupSimulator;
}

/** Asks the configured adapter whether the national register knows the certificate. */
export const confirmCertificate = (q: Queryable, c: { certificateNumber: string }): Promise<LookupOutcome> => adapter.confirm(q, c);

/** The simulator's register (tests, demo world): this certificate number answers `outcome` from now on. */
export async function setSimulatedNationalOutcome(q: Queryable, certificateNumber: string, outcome: 'not_found' | 'revoked' | 'confirmed'): Promise<void> {
  if (outcome === 'confirmed') await q.query('DELETE FROM national_certificate_simulator WHERE certificate_number = $1', [certificateNumber]);
  else
    await q.query(
      'INSERT INTO national_certificate_simulator (certificate_number, outcome) VALUES ($1, $2) ON CONFLICT (certificate_number) DO UPDATE SET outcome = EXCLUDED.outcome',
      [certificateNumber, outcome],
    );
}
