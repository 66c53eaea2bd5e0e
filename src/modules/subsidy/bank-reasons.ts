/**
 * A bank's return reason in words for the person told of a failed payment. The camt.054 import stores the reason as
 * the bank sent it — "AC04: 账户已销户 account closed" (the ISO 20022 code, then the bank's additional text), a bare
 * code, or a CSV's own text — and no raw code or English may reach a Chinese message.
 */

/** Bank reason codes (ISO 20022) a worker may act on, in words; any other: returned by the bank. */
export const BANK_REASONS_ZH: Readonly<Record<string, string>> = {
  AC01: '账号有误',
  AC03: '账号有误',
  AC04: '账户已销户',
  AC06: '账户已冻结',
  AG01: '账户不支持此类入账',
  AM02: '金额超出账户限额',
  BE01: '户名与账号不符',
};

/** A known code's words, else the bank's own Chinese words (without the English after them), else 银行退回. */
export function bankReasonZh(reason: string | null): string {
  const r = (reason ?? '').trim();
  const m = /^([A-Za-z]{2}\d{2})(?![A-Za-z0-9])[:：\s]*(.*)$/s.exec(r);
  const known = m ? BANK_REASONS_ZH[m[1]!.toUpperCase()] : undefined;
  if (known) return known;
  const text = m ? m[2]! : r;
  return /[\u4e00-\u9fff][\u4e00-\u9fff\d，、；（）()\s]*/.exec(text)?.[0].trim() || '银行退回';
}
