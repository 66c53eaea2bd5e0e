/**
 * The social-insurance record (社会保险记录) and the social security card (社会保障卡) as the skill-upgrade
 * subsidy (技能提升补贴) needs them: how many months the person has paid unemployment insurance, and whether
 * the card's financial function (金融功能) is active — a payment to the card's account needs it. Both are read
 * through adapter interfaces chosen by configuration (as the e-SSC adapter, identity/essc.ts):
 *  - `simulator` (the only one built in): the SOCIAL-INSURANCE SIMULATOR (社保记录模拟器) and the SOCIAL
 *    SECURITY CARD SIMULATOR (社保卡模拟器). They stand in for the provincial social-insurance system, which
 *    cannot be reached from here, and say so in every answer (`source`). They answer from their own table
 *    (`social_insurance_simulator`, keyed by a blind index of the ID number), seeded deterministically by the
 *    demo world so that some demo persons fail each condition; a person they hold no record of is answered
 *    with the simulator's defaults (36 months paid, card financial function active). Never use them in
 *    production.
 *  A real adapter implements the same interfaces; it ignores the Queryable the simulators read from.
 */
import type { Queryable, Tx } from '../../db/index.js';
import { blindIndex } from '../../lib/crypto.js';
import { normaliseIdNumber } from '../../lib/identifiers.js';

export interface UnemploymentInsuranceRecord {
  /** Months of unemployment insurance paid up to `asOf` (累计缴费月数); null = the record does not say. */
  months: number | null;
  /** Which system answered ('simulator' for the built-in one). */
  source: string;
}

export interface SscFinancialStatus {
  /** true: the card's financial function is active; false: not active (未激活/挂失/注销); null: unknown. */
  active: boolean | null;
  source: string;
}

/** The social-insurance record (社保记录). */
export interface SocialInsuranceRecordAdapter {
  readonly name: string;
  unemploymentInsurance(q: Queryable, idNumber: string, asOf: string): Promise<UnemploymentInsuranceRecord>;
}

/** The social security card's financial function (社保卡金融功能). */
export interface SscCardAdapter {
  readonly name: string;
  financialStatus(q: Queryable, idNumber: string): Promise<SscFinancialStatus>;
}

export const SIMULATOR_DEFAULT_UI_MONTHS = 36;
const simKey = (idNumber: string): string => blindIndex('social-insurance-simulator', normaliseIdNumber(idNumber));

interface SimRow {
  ui_months: number;
  ssc_financial_active: boolean;
}
async function simRow(q: Queryable, idNumber: string): Promise<SimRow | null> {
  const { rows } = await q.query<SimRow>('SELECT ui_months, ssc_financial_active FROM social_insurance_simulator WHERE id_key = $1', [simKey(idNumber)]);
  return rows[0] ?? null;
}

/** 社保记录模拟器 — the social-insurance simulator (not the real record). */
export class SocialInsuranceSimulator implements SocialInsuranceRecordAdapter {
  readonly name = 'simulator';
  async unemploymentInsurance(q: Queryable, idNumber: string): Promise<UnemploymentInsuranceRecord> {
    const r = await simRow(q, idNumber);
    return { months: r ? r.ui_months : SIMULATOR_DEFAULT_UI_MONTHS, source: 'social-insurance simulator (社保记录模拟器)' };
  }
}

/** 社保卡模拟器 — the social security card simulator (not the real card system). */
export class SscCardSimulator implements SscCardAdapter {
  readonly name = 'simulator';
  async financialStatus(q: Queryable, idNumber: string): Promise<SscFinancialStatus> {
    const r = await simRow(q, idNumber);
    return { active: r ? r.ssc_financial_active : true, source: 'social security card simulator (社保卡模拟器)' };
  }
}

/** What the simulators hold for one person (the demo world seeds it; tests set it). */
export interface SimulatedRecord {
  idNumber: string;
  uiMonths: number;
  sscFinancialActive: boolean;
}

/** Writes the simulators' records (insert or replace). Simulator data only: not a person's real record. */
export async function setSimulatedRecords(tx: Tx, records: readonly SimulatedRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query(
    `INSERT INTO social_insurance_simulator (id_key, ui_months, ssc_financial_active)
     SELECT * FROM unnest($1::text[], $2::int[], $3::bool[])
     ON CONFLICT (id_key) DO UPDATE SET ui_months = EXCLUDED.ui_months, ssc_financial_active = EXCLUDED.ssc_financial_active`,
    [records.map((r) => simKey(r.idNumber)), records.map((r) => r.uiMonths), records.map((r) => r.sscFinancialActive)],
  );
}

let recordAdapter: SocialInsuranceRecordAdapter = new SocialInsuranceSimulator();
let cardAdapter: SscCardAdapter = new SscCardSimulator();

/** `SOCIAL_INSURANCE_ADAPTER`: only `simulator` is built in; a real system's adapter is passed in code. */
export function configureSocialInsurance(kind: string, adapters: { record?: SocialInsuranceRecordAdapter; card?: SscCardAdapter } = {}): void {
  if (kind !== 'simulator' && !(adapters.record && adapters.card))
    throw new Error(`SOCIAL_INSURANCE_ADAPTER=${kind}: no such adapter is built in (only "simulator")`);
  recordAdapter = adapters.record ?? new SocialInsuranceSimulator();
  cardAdapter = adapters.card ?? new SscCardSimulator();
}
export const socialInsuranceRecord = (): SocialInsuranceRecordAdapter => recordAdapter;
export const sscCard = (): SscCardAdapter => cardAdapter;
