/**
 * A bank's return reason as the bank sent it — "AC04: 账户已销户 account closed" (an ISO 20022 code and the bank's
 * additional text), a bare code, or the bank's own text — in the reader's words: a known code's words, else (zh) the
 * bank's own Chinese text, else "returned by the bank". No raw code or English on a Chinese screen.
 */
type T = (k: string, o?: Record<string, unknown>) => string;

export const BANK_REASON_CODES = ['AC01', 'AC03', 'AC04', 'AC06', 'AG01', 'AM02', 'BE01'] as const;

export function bankReasonText(t: T, reason: string, english = false): string {
  const m = /^([A-Z]{2}\d{2})(?![A-Za-z0-9])[:：\s]*(.*)$/s.exec(reason.trim());
  const code = m?.[1];
  if (code && (BANK_REASON_CODES as readonly string[]).includes(code)) return t(`bankReason.${code}`);
  const text = (m ? m[2]! : reason).trim();
  if (english) return /[\u4e00-\u9fff]/.test(text) || !text ? t('bankReason.other') : text;
  // the bank's Chinese words, without the English that may follow them
  const zh = /[\u4e00-\u9fff][\u4e00-\u9fff\d，、；（）()\s]*/.exec(text)?.[0].trim();
  return zh || t('bankReason.other');
}
