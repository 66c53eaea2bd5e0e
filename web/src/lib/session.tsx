import { createContext, useContext } from 'react';

export type Role = 'worker' | 'provider' | 'enterprise' | 'assessor' | 'district_admin' | 'city_admin' | 'finance' | 'auditor' | 'committee';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  districtCode: string | null;
  orgId: string | null;
  personId: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  mfaPassed: boolean;
  isDemo: boolean;
}

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
