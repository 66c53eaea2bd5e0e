import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBankCard, checkUscc } from '../../lib/identifiers.js';
import { checkProviderKind, validBankAccount, validMobile, validUscc } from './rules.js';
import { canManageOrg, canSeeOrg } from './policy.js';
import { orgCodeCheckChar, syntheticBankAccount, syntheticUscc } from './synthetic.js';

describe('identifier rules', () => {
  it.each([
    ['91350100M000100Y43', null], // published example (GB 32100 annex)
    ['91310115MA1K3YJ25X', 'INVALID_USCC'], // wrong check character
    ['91310115', 'INVALID_USCC'],
    ['9131011SMA1K3YJ25X', 'INVALID_USCC'], // S is not in the character set
  ])('USCC %s → %s', (uscc, code) => {
    if (code === null) expect(validUscc(uscc)).toBe(uscc);
    else expect(() => validUscc(uscc)).toThrow(expect.objectContaining({ code, field: 'uscc' }));
  });

  it('normalises a lower-case USCC', () => {
    expect(validUscc(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it.each([
    ['4111 1111 1111 1112', 'INVALID_BANK_CARD'],
    ['4111111111111111', null],
    ['12345', 'INVALID_BANK_CARD'],
  ])('bank account %s → %s', (card, code) => {
    if (code === null) expect(validBankAccount(card)).toBe(card);
    else expect(() => validBankAccount(card)).toThrow(expect.objectContaining({ code, field: 'bankAccount' }));
  });

  it.each([
    ['13812345678', null],
    ['+8613812345678', null],
    ['12812345678', 'INVALID_MOBILE'],
    ['021-5555', 'INVALID_MOBILE'],
  ])('contact phone %s → %s', (phone, code) => {
    if (code === null) expect(validMobile(phone)).toBe('13812345678');
    else expect(() => validMobile(phone)).toThrow(expect.objectContaining({ code, field: 'contactPhone' }));
  });

  it('synthetic USCCs and bank accounts are always valid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('310101', '310104', '310115', '310151'),
        fc.nat({ max: 10_000_000 }),
        fc.constantFrom('91', '52') as fc.Arbitrary<'91' | '52'>,
        (r, n, a) => {
          expect(checkUscc(syntheticUscc(r, n, a))).toBeNull();
          expect(checkBankCard(syntheticBankAccount('622202', n))).toBeNull();
        },
      ),
    );
  });

  it('organisation code check character (GB 11714) of a published example', () => {
    // weights 3 7 9 10 5 8 4 2: sum 201, 11 − (201 mod 11) = 8
    expect(orgCodeCheckChar('12345678')).toBe('8');
  });
});

describe('provider kind', () => {
  it.each([
    ['provider', 'vocational_college', 'vocational_college'],
    ['provider', null, 'VALIDATION_FAILED'],
    ['enterprise', null, null],
    ['assessor', 'high_skill_base', 'VALIDATION_FAILED'],
  ] as const)('%s with %s → %s', (kind, pk, want) => {
    if (want === 'VALIDATION_FAILED') expect(() => checkProviderKind(kind, pk)).toThrow(expect.objectContaining({ code: want, field: 'providerKind' }));
    else expect(checkProviderKind(kind, pk)).toBe(want);
  });
});

describe('scope', () => {
  const org = { id: 'o1', districtCode: '310115' };
  it.each([
    [{ role: 'city_admin', districtCode: null, orgId: null }, true, true],
    [{ role: 'auditor', districtCode: null, orgId: null }, true, false],
    [{ role: 'finance', districtCode: null, orgId: null }, true, false],
    [{ role: 'district_admin', districtCode: '310115', orgId: null }, true, true],
    [{ role: 'district_admin', districtCode: '310104', orgId: null }, false, false],
    [{ role: 'provider', districtCode: null, orgId: 'o1' }, true, false],
    [{ role: 'provider', districtCode: null, orgId: 'o2' }, false, false],
    [{ role: 'worker', districtCode: null, orgId: null }, false, false],
    [{ role: 'committee', districtCode: null, orgId: null }, false, false],
  ])('%o sees %s, manages %s', (who, sees, manages) => {
    expect(canSeeOrg(who, org)).toBe(sees);
    expect(canManageOrg(who, org)).toBe(manages);
  });

  it.each([
    [{ role: 'district_admin', districtCode: '310104', orgId: null }, true, false],
    [{ role: 'district_admin', districtCode: '310115', orgId: null }, true, true],
    [{ role: 'provider', districtCode: null, orgId: 'o1' }, false, false],
  ])('an assessment body of 310101: %o sees %s, manages %s', (who, sees, manages) => {
    const body = { id: 'a1', districtCode: '310101', kind: 'assessor' };
    expect(canSeeOrg(who, body)).toBe(sees);
    expect(canManageOrg(who, body)).toBe(manages && who.districtCode === body.districtCode);
  });
});
