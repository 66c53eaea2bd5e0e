/**
 * Synthetic but valid organisation identifiers for the demo world and tests: a USCC (GB 32100) whose
 * embedded organisation code carries its GB 11714 check character, and a Luhn-valid bank account.
 */
import { luhnCheckDigit, usccCheckChar } from '../../lib/identifiers.js';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of an 8-digit organisation code (GB 11714). */
export function orgCodeCheckChar(first8: string): string {
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(first8[i]) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (s % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** A valid USCC: '91' (enterprise, industry & commerce) or '52' (private non-enterprise unit), region, org code, check. */
export function syntheticUscc(regionCode: string, serial: number, authority: '91' | '52' = '91'): string {
  const org8 = String(10_000_000 + (serial % 90_000_000)).padStart(8, '0');
  const first17 = `${authority}${regionCode}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

/** A Luhn-valid 19-digit account number under a bank's issuer prefix (e.g. 622202 for ICBC). */
export function syntheticBankAccount(prefix: string, serial: number): string {
  const payload = `${prefix}${String(serial).padStart(18 - prefix.length, '0')}`;
  return payload + luhnCheckDigit(payload);
}
