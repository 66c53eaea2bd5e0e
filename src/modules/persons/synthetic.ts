/** Synthetic but valid identifiers for the demo world and tests (never real people). */
import { idCheckChar, luhnCheckDigit } from '../../lib/identifiers.js';

/** A valid resident ID: region, birth date (YYYYMMDD), a 3-digit sequence (odd = M, even = F). */
export function syntheticIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The n-th synthetic ID: distinct for n < 36,500,000 (birth day × sequence). */
export function nthIdNumber(n: number, region = '310115'): string {
  const day = Math.floor(n / 1000);
  const d = new Date(Date.UTC(1960, 0, 1) + day * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return syntheticIdNumber(region, birth, n % 1000);
}

export const syntheticMobile = (n: number): string => `139${String(n % 100_000_000).padStart(8, '0')}`;

export function syntheticCard(n: number, bin = '622202'): string {
  const payload = `${bin}${String(n).padStart(12, '0')}`;
  return payload + luhnCheckDigit(payload);
}
