/**
 * Identifier rules (pure): resident ID (GB 11643-1999), unified social credit code (GB 32100-2015),
 * bank card (Luhn), mainland mobile number. Each returns null when valid, or the reason.
 */
import { now as clockNow } from './clock.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[s % 11]!;
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= dim;
}

/**
 * GB/T 2260 province-level codes (the first two digits of a region code): 34 provincial divisions —
 * 22 provinces, 5 autonomous regions, 4 municipalities, Hong Kong (81), Macao (82) and Taiwan (71).
 */
// prettier-ignore
export const GB2260_PROVINCES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', '81', '82', // 台湾 香港 澳门
]);

export function checkIdNumber(raw: string, today: Date = clockNow()): string | null {
  const v = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return 'must be 18 characters: 17 digits and a check digit or X';
  if (!/^[1-9]\d{5}$/.test(v.slice(0, 6))) return 'the region code is not valid';
  if (!GB2260_PROVINCES.has(v.slice(0, 2))) return 'the region code names no province (GB/T 2260)';
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return 'the birth date is not a real date';
  const birth = Date.UTC(y, m - 1, d);
  if (birth > today.getTime()) return 'the birth date is in the future';
  if (idCheckChar(v) !== v[17]) return 'the check character does not match';
  return null;
}

export const normaliseIdNumber = (v: string): string => v.trim().toUpperCase();

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** GB 11643: the 17th digit is odd for men, even for women. */
export function sexOf(id: string): 'M' | 'F' {
  return Number(id[16]) % 2 === 1 ? 'M' : 'F';
}

// GB 32100-2015: 18 characters from the 31-character set (no I, O, Z, S, V).
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (s % 31)) % 31]!;
}

export function checkUscc(raw: string): string | null {
  const v = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return 'must be 18 characters of digits and capital letters (no I, O, Z, S, V)';
  if (!/^[1-9A-NY][1-9]$/.test(v.slice(0, 2)) && !/^[1-9A-NY]\d$/.test(v.slice(0, 2))) return 'the registration authority code is not valid';
  if (!/^\d{6}$/.test(v.slice(2, 8))) return 'the region code is not valid';
  if (usccCheckChar(v) !== v[17]) return 'the check character does not match';
  return null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (dbl) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new Error('unreachable');
}

export const normaliseBankCard = (v: string): string => v.replace(/[\s-]/g, '');

export function checkBankCard(raw: string): string | null {
  const v = normaliseBankCard(raw);
  if (!/^\d{12,19}$/.test(v)) return 'must be 12 to 19 digits';
  if (!luhnValid(v)) return 'the check digit does not match (Luhn)';
  return null;
}

export function checkMobile(raw: string): string | null {
  const v = raw.trim().replace(/^\+?86/, '');
  if (!/^1[3-9]\d{9}$/.test(v)) return 'must be a mainland mobile number: 11 digits starting 13–19';
  return null;
}
export const normaliseMobile = (v: string): string => v.trim().replace(/^\+?86/, '');

// Masks (DESIGN.md §5).
export const maskId = (id: string): string => (id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : '***');
export const maskPhone = (p: string): string => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '***');
export const maskCard = (c: string): string => (c.length >= 8 ? `${c.slice(0, 4)} **** **** ${c.slice(-4)}` : '****');
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
/**
 * A text's user-perceived characters: a character outside the Basic Multilingual Plane (𠮷, 𪚥, an emoji)
 * is one, not two UTF-16 halves; so is an emoji sequence joined by ZWJ or with a skin tone.
 */
export const charactersOf = (s: string): string[] => Array.from(graphemes.segment(s), (g) => g.segment);
/** Masks a name by whole characters: 张* · 欧**明 · 王* (王𠮷) · 𪚥* (𪚥林). */
export const maskName = (name: string): string => {
  const c = charactersOf(name);
  return c.length <= 1 ? name : c.length === 2 ? `${c[0]}*` : `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID in its canonical text form (ids in routes and tokens are checked before they reach SQL). */
export const isUuid = (s: string): boolean => UUID_RE.test(s);
