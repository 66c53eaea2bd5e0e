/**
 * Text PostgreSQL cannot store: a NUL character (U+0000; refused in `text` and `jsonb`) or a lone half of a
 * surrogate pair (refused in `jsonb`). The HTTP layer refuses it in every request (`src/http/text-guard.ts`);
 * sheet imports refuse it per row (`persons/rules.ts`).
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const isUnstorableText = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);
