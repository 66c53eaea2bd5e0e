/**
 * Synthetic persons for the demo world: deterministic (seeded PRNG), valid resident IDs (Shanghai region
 * codes, real birth dates, GB 11643 check character), names, mobile numbers and Luhn-valid bank cards.
 * Nothing here is a real person.
 */
import { idCheckChar, luhnCheckDigit } from '../lib/identifiers.js';
import { now as clockNow } from '../lib/clock.js';

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣建文志国';
const GIVEN_F = '芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰琳雪倩婷颖洁琴云莉慧佳怡晶梅';

/** Shanghai district codes (also the region codes of residents' ID numbers issued there). */
export const SHANGHAI_DISTRICTS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
] as const;
// Rough population weights (浦东 largest, 崇明 smallest).
const DISTRICT_WEIGHTS = [5, 8, 5, 8, 9, 6, 10, 19, 16, 13, 40, 6, 13, 9, 8, 5];
// Region codes of IDs issued elsewhere (non-local hukou): 江苏, 浙江, 安徽, 河南, 四川.
const NONLOCAL_REGIONS = ['320102', '330106', '340104', '410105', '510107', '320583', '330382', '342401'];

const BANK_PREFIXES: Array<[string, string]> = [
  ['622202', '中国工商银行'],
  ['622848', '中国农业银行'],
  ['621700', '中国建设银行'],
  ['621661', '中国银行'],
  ['622262', '交通银行'],
  ['621792', '上海银行'],
];

export interface SyntheticPerson {
  idNumber: string;
  name: string;
  phone: string;
  bankAccount: string | null;
  bankName: string | null;
  districtCode: string;
  hukou: 'local' | 'nonlocal';
  categories: string[];
}

function weighted<T>(r: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// Category mix of the demo registry: [category, weight, age range].
const CATEGORY_MIX: Array<[string | null, number, [number, number]]> = [
  ['employed', 48, [20, 58]],
  ['registered_unemployed', 15, [22, 58]],
  ['college_graduating', 10, [21, 23]],
  ['secondary_vocational_graduating', 4, [17, 19]],
  ['xiebao', 5, [40, 58]],
  ['former_rural_surplus', 6, [25, 55]],
  ['disabled', 3, [20, 58]],
  ['veteran_5y', 4, [22, 35]],
  [null, 5, [18, 60]],
];

/** `n` distinct synthetic persons; the same seed gives the same people. */
export function syntheticPersons(n: number, seed: number, today: Date = clockNow()): SyntheticPerson[] {
  const r = prng(seed);
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(today));
  const seen = new Set<string>();
  const out: SyntheticPerson[] = [];
  while (out.length < n) {
    const [category, , [ageMin, ageMax]] = weighted(
      r,
      CATEGORY_MIX,
      CATEGORY_MIX.map((c) => c[1]),
    );
    const sex = r() < 0.5 ? 'M' : 'F';
    const y = year - ageMin - 1 - Math.floor(r() * (ageMax - ageMin));
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * daysIn(y, m));
    const hukou = category === 'former_rural_surplus' || r() < 0.25 ? 'nonlocal' : 'local';
    const districtCode = weighted(r, SHANGHAI_DISTRICTS, DISTRICT_WEIGHTS);
    const region = hukou === 'local' ? pick(r, SHANGHAI_DISTRICTS) : pick(r, NONLOCAL_REGIONS);
    let seq = Math.floor(r() * 500) * 2 + (sex === 'M' ? 1 : 0); // 17th digit: odd for men
    if (seq > 999) seq -= 2;
    const first17 = `${region}${y}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
    const idNumber = first17 + idCheckChar(first17);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const given = sex === 'M' ? GIVEN_M : GIVEN_F;
    const name = pick(r, [...SURNAMES]) + pick(r, [...given]) + (r() < 0.6 ? pick(r, [...given]) : '');
    const phone = `1${pick(r, ['35', '36', '37', '38', '39', '50', '51', '58', '59', '77', '80', '86', '88', '89'])}${pad(Math.floor(r() * 1e8), 8)}`;
    let bankAccount: string | null = null;
    let bankName: string | null = null;
    if (r() < 0.85) {
      const [prefix, bank] = pick(r, BANK_PREFIXES);
      const payload = `${prefix}${pad(Math.floor(r() * 1e12), 12)}`;
      bankAccount = payload + luhnCheckDigit(payload);
      bankName = bank;
    }
    out.push({ idNumber, name, phone, bankAccount, bankName, districtCode, hukou, categories: category ? [category] : [] });
  }
  return out;
}
