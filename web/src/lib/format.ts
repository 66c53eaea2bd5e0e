/** Display formats: money from fen as ¥1,234.50; dates YYYY-MM-DD in Asia/Shanghai; masked values as given. */

export function fen(amountFen: number | null | undefined): string {
  if (amountFen === null || amountFen === undefined || !Number.isFinite(amountFen)) return '—';
  const neg = amountFen < 0;
  const abs = Math.abs(Math.round(amountFen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${neg ? '-' : ''}¥${yuan.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
}

/** A monthly pay in whole yuan without the ¥ sign (the unit 元 follows in the sentence): 700000 fen → "7,000"; cents only when there are some. */
export function yuan(amountFen: number | null | undefined): string {
  if (amountFen === null || amountFen === undefined || !Number.isFinite(amountFen)) return '—';
  const s = fen(amountFen).replace('¥', '');
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

/** Parses a yuan amount typed by a user ("1,234.5") into integer fen without floating-point drift. */
export function yuanToFen(input: string | number): number | null {
  const s = String(input).replace(/[,¥\s]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fenPart = (m[3] ?? '').padEnd(2, '0');
  const v = Number(m[2]) * 100 + Number(fenPart || '0');
  return m[1] ? -v : v;
}

const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function date(v: string | Date | null | undefined): string {
  if (!v) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return String(v);
  return dateFmt.format(d);
}

export function dateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return String(v);
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`;
}

/** A time of day to the minute (a session's start, a booking): no seconds that nobody keeps to. */
export function dateMinute(v: string | Date | null | undefined): string {
  const s = dateTime(v);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s) ? s.slice(0, 16) : s;
}

/** "3d 04:05:06" style countdown; negative → null (passed). */
export function countdown(ms: number): { days: number; h: number; m: number; s: number } | null {
  if (ms < 0) return null;
  const t = Math.floor(ms / 1000);
  return { days: Math.floor(t / 86400), h: Math.floor((t % 86400) / 3600), m: Math.floor((t % 3600) / 60), s: t % 60 };
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Rows to a CSV file (UTF-8 with BOM so Excel opens Chinese text correctly). ID-like values stay text. */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): Blob {
  const esc = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n');
  return new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' });
}
