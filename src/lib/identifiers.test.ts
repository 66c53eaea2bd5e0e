import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  birthDateOf,
  charactersOf,
  checkBankCard,
  checkIdNumber,
  checkMobile,
  checkUscc,
  GB2260_PROVINCES,
  idCheckChar,
  isRealDate,
  luhnCheckDigit,
  luhnValid,
  maskCard,
  maskId,
  maskName,
  maskPhone,
  normaliseBankCard,
  normaliseMobile,
  sexOf,
  usccCheckChar,
} from './identifiers.js';

const TODAY = new Date('2026-11-26T00:00:00Z');
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('resident ID (GB 11643-1999)', () => {
  it('accepts the example of the standard', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toBeNull();
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(sexOf('11010519491231002X')).toBe('F');
  });

  it('accepts lower-case x and surrounding blanks', () => {
    expect(checkIdNumber(' 11010519491231002x ', TODAY)).toBeNull();
  });

  it.each([
    ['11010519491231002', 'must be 18 characters'],
    ['1101051949123100200', 'must be 18 characters'],
    ['11010519491231002Y', 'must be 18 characters'],
    ['01010519491231002X', 'region code'],
    ['990426199112010074', 'names no province'], // issue 15 item 8: a correct check character, no such province
    ['001234199112010074', 'region code'],
    ['100426199112010079', 'names no province'],
    ['720426199112010074', 'names no province'],
    ['110105194902300021', 'not a real date'],
    ['110105189912310020', 'not a real date'],
    ['110105203001010020', 'future'],
    ['110105194912310021', 'check character'],
  ])('refuses %s (%s)', (id, reason) => {
    expect(checkIdNumber(id, TODAY)).toContain(reason);
  });

  it('knows the 34 province-level codes of GB/T 2260 and refuses every other two-digit prefix', () => {
    expect(GB2260_PROVINCES.size).toBe(34);
    const body = '0426199112010';
    for (let p = 10; p <= 99; p++) {
      const first17 = `${p}${body}07`;
      const id = first17 + idCheckChar(first17);
      expect(checkIdNumber(id, TODAY) === null, id).toBe(GB2260_PROVINCES.has(String(p)));
    }
  });

  it.each([
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 13, 1, false],
    [2023, 1, 0, false],
  ])('isRealDate(%i, %i, %i) = %s', (y, m, d, ok) => {
    expect(isRealDate(y, m, d)).toBe(ok);
  });

  const validId = fc
    .record({
      region: fc.tuple(fc.constantFrom(...GB2260_PROVINCES), fc.integer({ min: 0, max: 9999 })).map(([p, r]) => `${p}${String(r).padStart(4, '0')}`),
      day: fc.integer({ min: 0, max: Math.floor((TODAY.getTime() - Date.UTC(1900, 0, 1)) / 86_400_000) - 1 }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, day, seq }) => {
      const d = new Date(Date.UTC(1900, 0, 1) + day * 86_400_000);
      const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
      return { id: first17 + idCheckChar(first17), ymd, seq };
    });

  it('property: every generated valid ID passes, with its birth date and sex', () => {
    fc.assert(
      fc.property(validId, ({ id, ymd, seq }) => {
        expect(checkIdNumber(id, TODAY)).toBeNull();
        expect(birthDateOf(id)).toBe(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`);
        expect(sexOf(id)).toBe(seq % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  it('property: any single-character change is caught', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), ({ id }, pos, shift) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const at = alphabet.indexOf(id[pos]!);
        const replacement = alphabet[(at + shift) % alphabet.length]!;
        fc.pre(replacement !== id[pos]);
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(checkIdNumber(changed, TODAY)).not.toBeNull();
      }),
    );
  });

  it('property: swapping two different adjacent digits is caught (MOD 11-2)', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 15 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(checkIdNumber(swapped, TODAY)).not.toBeNull();
      }),
    );
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the example of the standard', () => {
    expect(checkUscc('91350100M000100Y43')).toBeNull();
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y4', 'must be 18 characters'],
    ['91350100M000100Y4I', 'must be 18 characters'],
    ['91350100M000100Y44', 'check character'],
    ['9135010OM000100Y43', 'must be 18 characters'],
    ['913501A0M000100Y43', 'region code'],
  ])('refuses %s (%s)', (code, reason) => {
    expect(checkUscc(code)).toContain(reason);
  });

  const validUscc = fc
    .record({
      head: fc.constantFrom('11', '12', '19', '51', '52', '53', '59', '91', '92', '93', 'Y1'),
      region: fc.integer({ min: 110000, max: 659999 }),
      body: fc.array(fc.constantFrom(...USCC_CHARS), { minLength: 9, maxLength: 9 }),
    })
    .map(({ head, region, body }) => {
      const first17 = `${head}${region}${body.join('')}`;
      return first17 + usccCheckChar(first17);
    });

  it('property: generated codes pass and any single-character change is caught', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, pos, shift) => {
        expect(checkUscc(code)).toBeNull();
        const at = USCC_CHARS.indexOf(code[pos]!);
        const changed = code.slice(0, pos) + USCC_CHARS[(at + shift) % 31] + code.slice(pos + 1);
        expect(checkUscc(changed)).not.toBeNull();
      }),
    );
  });
});

describe('bank card (Luhn)', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['6222021001115555550', false],
  ])('luhnValid(%s) = %s', (n, ok) => {
    expect(luhnValid(n)).toBe(ok);
  });

  it.each([
    ['4111 1111 1111 1111', null],
    ['4111-1111-1111-1111', null],
    ['41111111111', 'must be 12 to 19 digits'],
    ['41111111111111111111', 'must be 12 to 19 digits'],
    ['4111a11111111111', 'must be 12 to 19 digits'],
    ['4111111111111112', 'Luhn'],
  ])('checkBankCard(%s)', (card, reason) => {
    const r = checkBankCard(card);
    if (reason === null) expect(r).toBeNull();
    else expect(r).toContain(reason);
  });

  const payload = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 });

  it('property: payload + luhnCheckDigit round-trips and validates', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const card = p + luhnCheckDigit(p);
        expect(luhnValid(card)).toBe(true);
        expect(checkBankCard(card)).toBeNull();
        expect(luhnCheckDigit(card.slice(0, -1))).toBe(card.slice(-1));
      }),
    );
  });

  it('property: any single-digit change of a valid card is caught', () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.integer({ min: 1, max: 9 }), (p, posSeed, shift) => {
        const card = p + luhnCheckDigit(p);
        const pos = posSeed % card.length;
        const changed = card.slice(0, pos) + String((Number(card[pos]) + shift) % 10) + card.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });

  it('normalises blanks and dashes away', () => {
    expect(normaliseBankCard(' 6222-0202 0000 1234 ')).toBe('6222020200001234');
  });
});

describe('mobile number', () => {
  it.each([
    ['13812345678', null],
    ['+8613812345678', null],
    ['8619912345678', null],
    ['12812345678', 'mainland mobile'],
    ['1381234567', 'mainland mobile'],
    ['138123456789', 'mainland mobile'],
    ['0213812345', 'mainland mobile'],
  ])('checkMobile(%s)', (m, reason) => {
    const r = checkMobile(m);
    if (reason === null) expect(r).toBeNull();
    else expect(r).toContain(reason);
  });

  it('normalises the country code away', () => {
    expect(normaliseMobile('+8613812345678')).toBe('13812345678');
  });
});

describe('masks (DESIGN.md §5)', () => {
  it('masks as the design shows', () => {
    expect(maskId('31011519900307123X')).toBe('310***********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskCard('6222020200001234')).toBe('6222 **** **** 1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });

  it.each([
    ['王𠮷', '王*'],
    ['𪚥林', '𪚥*'],
    ['𠮷', '𠮷'],
    ['李😀明', '李*明'],
    ['👨‍👩‍👧张', '👨‍👩‍👧*'],
    ['张👍🏽', '张*'],
    ['𠮷野家一', '𠮷**一'],
  ])('masks %s by whole characters as %s (no half of a surrogate pair)', (name, masked) => {
    expect(maskName(name)).toBe(masked);
    expect(/\p{Cs}/u.test(maskName(name))).toBe(false);
  });

  it('property: a masked name never splits a character and keeps the first one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), (name) => {
        const m = maskName(name);
        expect(/\p{Cs}/u.test(m)).toBe(false); // no lone surrogate

        expect(m.startsWith(charactersOf(name)[0]!)).toBe(true);
      }),
    );
  });

  it('property: a masked ID keeps 3 + 4 characters and hides the birth date', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 18 }), (id) => {
        const m = maskId(id);
        expect(m).toHaveLength(18);
        expect(m.slice(3, 14)).toBe('*'.repeat(11));
        expect(m.slice(0, 3) + m.slice(14)).toBe(id.slice(0, 3) + id.slice(14));
      }),
    );
  });
});
