/** Password hashing: argon2id with explicit parameters (OWASP: m=19456 KiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';

export const ARGON2_PARAMS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const hashPassword = (plain: string): Promise<string> => hash(plain, ARGON2_PARAMS);
export const verifyPassword = (stored: string, plain: string): Promise<boolean> => verify(stored, plain, ARGON2_PARAMS).catch(() => false);

/** A fixed hash to verify against for unknown usernames, so timing does not reveal which names exist. */
let dummy: string | null = null;
export async function dummyVerify(plain: string): Promise<void> {
  dummy ??= await hashPassword('skillvoucher-dummy-password');
  await verifyPassword(dummy, plain);
}

/** Minimum policy for staff passwords: 10+ characters with letters and digits. */
export function passwordProblem(p: string): string | null {
  if (p.length < 10) return 'must be at least 10 characters';
  if (p.length > 200) return 'must be at most 200 characters';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return 'must contain letters and digits';
  return null;
}
