/**
 * BANK SIMULATOR — not a bank. Stands in for the agency bank (代发银行) in tests, the demo web app and the
 * benchmark: it reads a pain.001.001.09 (streamed) and answers a camt.054.001.10 (streamed) with one entry
 * per payment. A payment is rejected when its creditor account is in `failingAccounts` (reason AC04,
 * account closed) or its amount is above `maxAmountFen` (AM02); every other payment is booked.
 */
import type { Writable } from 'node:stream';
import { CAMT054_NS, splitElements, xmlEscape } from './bankfiles.js';
import { now as clockNow } from '../../lib/clock.js';

export interface SimulatorRules {
  failingAccounts?: Iterable<string>;
  maxAmountFen?: number;
  /** Message id of the answer (default derived from the request's). */
  msgId?: string;
  at?: Date;
  debtorAccount?: string;
}

export interface SimulatorOutcome {
  requestMsgId: string | null;
  booked: number;
  rejected: number;
}

function yuanToFenStrict(s: string): number {
  const [y, c = ''] = s.split('.');
  return Number(y) * 100 + Number((c + '00').slice(0, 2));
}

export async function simulateBank(pain001: AsyncIterable<Buffer | string>, out: Writable, rules: SimulatorRules = {}): Promise<SimulatorOutcome> {
  const failing = new Set(rules.failingAccounts ?? []);
  const at = rules.at ?? clockNow();
  const ts = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const day = ts.slice(0, 10);
  const outcome: SimulatorOutcome = { requestMsgId: null, booked: 0, rejected: 0 };
  let buf: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!buf.length) return;
    const s = buf.join('');
    buf = [];
    size = 0;
    if (!out.write(s)) await new Promise((r) => out.once('drain', r));
  };
  const push = async (s: string) => {
    buf.push(s);
    size += s.length;
    if (size > 1 << 16) await flush();
  };
  let n = 0;
  for await (const part of splitElements(pain001, 'CdtTrfTxInf')) {
    if ('head' in part) {
      const m = /<(?:\w+:)?MsgId>([^<]*)</.exec(part.head);
      outcome.requestMsgId = m ? m[1]! : null;
      const dbtr = /<(?:\w+:)?DbtrAcct>.*?<(?:\w+:)?Id>\s*<(?:\w+:)?Othr>\s*<(?:\w+:)?Id>([^<]*)</s.exec(part.head);
      const msgId = rules.msgId ?? `SIM-${(outcome.requestMsgId ?? 'X').slice(0, 30)}`;
      await push(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="${CAMT054_NS}"><BkToCstmrDbtCdtNtfctn>` +
          `<GrpHdr><MsgId>${xmlEscape(msgId.slice(0, 35))}</MsgId><CreDtTm>${ts}</CreDtTm></GrpHdr>` +
          `<Ntfctn><Id>${xmlEscape(msgId.slice(0, 35))}</Id><CreDtTm>${ts}</CreDtTm>` +
          `<Acct><Id><Othr><Id>${xmlEscape(rules.debtorAccount ?? dbtr?.[1] ?? 'UNKNOWN')}</Id></Othr></Id><Ccy>CNY</Ccy></Acct>\n`,
      );
      continue;
    }
    const el = part.element;
    const pick = (tag: string, from = 0): string => {
      const re = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([^<]*)</`, 'g');
      re.lastIndex = from;
      const m = re.exec(el);
      if (!m) throw new Error(`payment without ${tag}`);
      return m[1]!.trim();
    };
    n++;
    const e2e = pick('EndToEndId').replace(/&amp;/g, '&');
    const amt = pick('InstdAmt');
    const acct = pick('Id', el.search(/<(?:\w+:)?CdtrAcct>/));
    let reject: [string, string] | null = null;
    if (failing.has(acct)) reject = ['AC04', '账户已销户 account closed'];
    else if (rules.maxAmountFen !== undefined && yuanToFenStrict(amt) > rules.maxAmountFen) reject = ['AM02', '超过限额 amount not allowed'];
    if (reject) outcome.rejected++;
    else outcome.booked++;
    await push(
      `<Ntry><NtryRef>${n}</NtryRef><Amt Ccy="CNY">${amt}</Amt><CdtDbtInd>${reject ? 'CRDT' : 'DBIT'}</CdtDbtInd>` +
        `<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${day}</Dt></BookgDt>` +
        `<BkTxCd><Prtry><Cd>${reject ? 'RTRN' : 'PMNT'}</Cd></Prtry></BkTxCd>` +
        `<NtryDtls><TxDtls><Refs><EndToEndId>${xmlEscape(e2e)}</EndToEndId></Refs><Amt Ccy="CNY">${amt}</Amt><CdtDbtInd>${reject ? 'CRDT' : 'DBIT'}</CdtDbtInd>` +
        (reject ? `<RtrInf><Rsn><Cd>${reject[0]}</Cd></Rsn><AddtlInf>${xmlEscape(reject[1])}</AddtlInf></RtrInf>` : '') +
        `</TxDtls></NtryDtls></Ntry>\n`,
    );
  }
  await push(`</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n`);
  await flush();
  return outcome;
}
