/** A search term typed into an officer's list, as a LIKE pattern matching by its start (%, _ and \ taken literally). */
export function prefixPattern(q: string | undefined, opts: { upper?: boolean } = {}): string | null {
  const t = q?.trim();
  if (!t) return null;
  return `${(opts.upper ? t.toUpperCase() : t).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
