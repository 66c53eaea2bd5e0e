/**
 * Pure catalogue rules: the subsidy formula (DESIGN.md §4) and the ratio conditions. No I/O.
 */

export interface SubsidyFormulaInput {
  /** Standard for the programme × occupation × level, in fen. */
  standardFen: number;
  /** Shortage-occupation uplift in percent (0 when not listed), e.g. 30 for +30 %. */
  upliftPct: number;
  /** Subsidy ratio for the person's category in percent, 0..100. */
  ratioPct: number;
  /** What the training actually cost, in fen: the subsidy never exceeds it. */
  feeFen: number;
}

function nonNegativeInt(name: string, v: number, max = Number.MAX_SAFE_INTEGER): bigint {
  if (!Number.isSafeInteger(v) || v < 0 || v > max) throw new RangeError(`${name} must be an integer 0..${max}, got ${v}`);
  return BigInt(v);
}

/**
 * amount_fen = min(round_half_up(standard × (100 + uplift)/100 × ratio/100), fee), in exact integer
 * arithmetic (BigInt): numerator = standard × (100 + uplift) × ratio over 10 000, rounded half up.
 */
export function applySubsidyFormula({ standardFen, upliftPct, ratioPct, feeFen }: SubsidyFormulaInput): number {
  const standard = nonNegativeInt('standardFen', standardFen);
  const uplift = nonNegativeInt('upliftPct', upliftPct, 1000);
  const ratio = nonNegativeInt('ratioPct', ratioPct, 100);
  const fee = nonNegativeInt('feeFen', feeFen);
  const num = standard * (100n + uplift) * ratio;
  const den = 10_000n;
  const rounded = (2n * num + den) / (2n * den); // floor(num/den + 1/2) for num ≥ 0
  return Number(rounded < fee ? rounded : fee);
}

/**
 * Whether a ratio's condition allows it for a certificate of this level (1 = highest, 5 = lowest, 0 = no
 * levels). 'level<=N' (e.g. graduating college students: 中级 = level 4 or above) needs a levelled
 * certificate at N or above; 'once' (a once-only subsidy) is checked against the person's history by the
 * subsidy module, so it does not exclude a quote here.
 */
export function ratioConditionHolds(condition: string | null, level: number): boolean {
  if (condition === null || condition === '' || condition === 'once') return true;
  const m = /^level<=([0-5])$/.exec(condition);
  if (!m) return false;
  return level >= 1 && level <= Number(m[1]);
}

export const RATIO_CONDITION = /^(once|level<=[0-5])$/;

export interface RatioOption {
  category: string;
  ratioPct: number;
  condition: string | null;
}

/** The best ratio among the person's categories that the programme accepts and whose condition holds. */
export function bestRatio(
  options: readonly RatioOption[],
  personCategories: readonly string[],
  accepted: readonly string[],
  level: number,
): { category: string | null; ratioPct: number } {
  let best: { category: string | null; ratioPct: number } = { category: null, ratioPct: 0 };
  const sorted = [...options].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  for (const o of sorted) {
    if (!personCategories.includes(o.category) || !accepted.includes(o.category)) continue;
    if (!ratioConditionHolds(o.condition, level)) continue;
    if (best.category === null || o.ratioPct > best.ratioPct) best = { category: o.category, ratioPct: o.ratioPct };
  }
  return best;
}
