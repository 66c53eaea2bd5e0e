/** A bank's return reason on the officers' and the worker's screens: in words, never the ISO code or the bank's English. */
import { describe, expect, it } from 'vitest';
import i18n from '../../web/src/i18n';
import { BANK_REASON_CODES, bankReasonText } from '../../web/src/lib/bank-reason';
import { BANK_REASONS_ZH } from '../../src/modules/subsidy/bank-reasons';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

describe('bank return reasons in words', () => {
  it.each([
    ['AC04: 账户已销户 account closed', '账户已销户', 'Account closed'],
    ['AC04', '账户已销户', 'Account closed'],
    ['BE01: name mismatch', '户名与账号不符', 'Name does not match the account'],
    ['XX99: 收款行系统维护 bank offline', '收款行系统维护', 'Returned by the bank'],
    ['户名不符（请核对）', '户名不符（请核对）', 'Returned by the bank'],
    ['rejected', '银行退回', 'rejected'],
  ])('%s → %s / %s', (reason, cn, eng) => {
    expect(bankReasonText(zh, reason)).toBe(cn);
    expect(bankReasonText(en, reason, true)).toBe(eng);
  });

  it('the web knows every code the server words, with the same Chinese words', () => {
    expect([...BANK_REASON_CODES].sort()).toEqual(Object.keys(BANK_REASONS_ZH).sort());
    for (const code of BANK_REASON_CODES) expect(zh(`bankReason.${code}`)).toBe(BANK_REASONS_ZH[code]);
  });
});
