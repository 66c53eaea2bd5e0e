/** Money helpers: integer fen in, exact yuan strings out (never through floating point). */

/** 123456 → '1234.56'. Accepts number (safe integer) or bigint. */
export function fenToYuan(fen: number | bigint): string {
  const f = typeof fen === 'bigint' ? fen : BigInt(fen);
  if (f < 0n) throw new Error('negative amount');
  const y = f / 100n;
  const c = f % 100n;
  return `${y.toString()}.${c.toString().padStart(2, '0')}`;
}

/** '1234.56' | '1234.5' | '1234' → 123456 fen; more than 2 decimals or a sign → null. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) {
    // a bank may write trailing zeros beyond 2 decimals (xs:decimal allows 5): accept only zeros
    const m2 = /^(\d{1,15})\.(\d{2})0{1,3}$/.exec(s.trim());
    if (!m2) return null;
    return Number(BigInt(m2[1]!) * 100n + BigInt(m2[2]!));
  }
  const cents = (m[2] ?? '').padEnd(2, '0');
  const v = BigInt(m[1]!) * 100n + BigInt(cents || '0');
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(v);
}
