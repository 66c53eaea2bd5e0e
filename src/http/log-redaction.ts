/**
 * No resident ID number, mobile number or bank card reaches a log line (issue 15 item 21). Known fields are
 * censored by pino's redaction paths (REDACT_PATHS in app.ts); everything else a line may carry — a request
 * URL with its query string, a path parameter, an error message — goes through `redactLogLine` just before it
 * is written (pino's streamWrite hook), which masks:
 *   - an 18-character resident ID (region, real birth date, MOD 11-2 check character),
 *   - an 11-digit mainland mobile number (also after 86 / +86),
 *   - a 12–19 digit number that passes the Luhn check (a bank card),
 * wherever it stands in a string of the line: between separators, after a %-escape, in any letter case.
 * The line's JSON numbers (`"time":1765…`, `"responseTime":12.0632999`) are the logger's and left alone.
 */
import { isRealDate, idCheckChar, luhnValid } from '../lib/identifiers.js';

const isIdNumber = (v: string): boolean => {
  if (!/^[1-9]\d{16}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  return y >= 1900 && y <= 2100 && isRealDate(y, Number(v.slice(10, 12)), Number(v.slice(12, 14))) && idCheckChar(v) === v[17];
};

/** What a run of digits is, if it is personal data. */
function maskRun(run: string): string | null {
  const up = run.toUpperCase();
  if (up.length === 18 && isIdNumber(up)) return `${up.slice(0, 3)}[id]${up.slice(14)}`;
  if (/X$/.test(up)) return null;
  const national = run.length === 13 && run.startsWith('86') ? run.slice(2) : run;
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}[phone]${national.slice(7)}`;
  if (run.length >= 12 && run.length <= 19 && luhnValid(run)) return `${run.slice(0, 4)}[card]${run.slice(-4)}`;
  return null;
}

// a %-escape (consumed whole, so "%2013812345678" is "%20" then a phone), or a run of digits (an ID may end in X)
const TOKENS = /%[0-9A-Fa-f]{2}|(?:(?<![0-9])|(?<=%[0-9A-Fa-f][0-9]))\d{11,19}[Xx]?(?![0-9])/g;

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** The line with every ID number, mobile number and bank card in its strings masked (its numbers are the logger's). */
export function redactLogLine(line: string): string {
  if (!/\d{11}/.test(line)) return line; // the common case: nothing long enough to be personal data
  return line.replace(JSON_STRING, (str) => (/\d{11}/.test(str) ? str.replace(TOKENS, (tok) => (tok.startsWith('%') ? tok : (maskRun(tok) ?? tok))) : str));
}
