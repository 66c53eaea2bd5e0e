/**
 * 技能提升补贴: loads the facts of the skill-upgrade subsidy's own conditions (the social-insurance record and
 * the social security card through their adapters) and applies the pure rules (rules.ts skillUpgradeRules).
 * Settings (environment, read in config.ts): SKILL_UPGRADE_CLAIM_MONTHS (12) — the claim is made within this many months of the
 * certificate's date; SKILL_UPGRADE_MIN_UI_MONTHS (12) — months of unemployment insurance paid at least.
 */
import { subsidyConfig } from '../../config.js';
import type { Queryable } from '../../db/index.js';
import { shanghaiDate, skillUpgradeRules, type RuleResult } from './rules.js';
import { socialInsuranceRecord, sscCard } from './social-insurance.js';

export const SKILL_UPGRADE_CLAIM_MONTHS = subsidyConfig.skillUpgradeClaimMonths;
export const SKILL_UPGRADE_MIN_UI_MONTHS = subsidyConfig.skillUpgradeMinUiMonths;

export async function skillUpgradeChecks(
  q: Queryable,
  input: { idNumber: string; payeeKind: 'person' | 'provider' | 'enterprise'; certificateDate: string; now: Date },
): Promise<RuleResult[]> {
  const claimDate = shanghaiDate(input.now);
  const paidToSsc = input.payeeKind === 'person';
  const [ui, card] = await Promise.all([
    socialInsuranceRecord().unemploymentInsurance(q, input.idNumber, claimDate),
    paidToSsc ? sscCard().financialStatus(q, input.idNumber) : Promise.resolve(null),
  ]);
  return skillUpgradeRules({
    certificateDate: input.certificateDate,
    claimDate,
    claimWindowMonths: SKILL_UPGRADE_CLAIM_MONTHS,
    uiMonths: ui.months,
    minUiMonths: SKILL_UPGRADE_MIN_UI_MONTHS,
    paidToSsc,
    sscFinancialActive: card ? card.active : null,
  });
}
