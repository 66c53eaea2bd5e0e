import type { ResponseOf } from './api';
import { createContext, useContext } from 'react';

/** The signed-in account and its scope (`GET /auth/me`). */
export type Me = ResponseOf<'/api/v1/auth/me'>;
export type Role = Me['role'];

export interface SessionCtx {
  me: Me;
  ops: Set<string>;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const Session = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const s = useContext(Session);
  if (!s) throw new Error('no session');
  return s;
}
