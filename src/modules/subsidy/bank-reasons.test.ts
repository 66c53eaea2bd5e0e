import { describe, expect, it } from 'vitest';
import { bankReasonZh } from './bank-reasons.js';

describe('a bank return reason in words (the worker’s 发放失败 message)', () => {
  it.each([
    // as the camt.054 import stores it: the code, then the bank's additional text (Chinese and English)
    ['AC04: 账户已销户 account closed', '账户已销户'],
    ['AC04', '账户已销户'],
    ['ac01', '账号有误'],
    ['BE01: name mismatch', '户名与账号不符'],
    // an unknown code: the bank's own Chinese words, without the code or the English after them
    ['XX99: 收款行系统维护 bank offline', '收款行系统维护'],
    ['ZZ01', '银行退回'],
    // a CSV answer's own text
    ['户名不符（请核对）', '户名不符（请核对）'],
    ['rejected', '银行退回'],
    ['entry status RJCT', '银行退回'],
    ['', '银行退回'],
    [null, '银行退回'],
  ])('%s → %s', (reason, words) => {
    expect(bankReasonZh(reason)).toBe(words);
  });
});
