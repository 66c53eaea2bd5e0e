/**
 * The one policy layer (issue 16 item 4): what an actor may reach, decided in one place.
 *
 * A module declares, per kind of object, which roles may reach it at all (`requireRole` answers 403
 * FORBIDDEN for any other role), and `scopeOf` turns the actor into the part of the world they reach:
 * everything (city-wide roles, the system), one district (a district admin), one organisation (a provider,
 * an enterprise, an assessment body) or one person (a worker). `covers` / `assertInScope` test an object
 * against it — another scope's object answers 404 NOT_FOUND, exactly as a missing one — and `scopeSql`
 * writes the same test as a WHERE fragment for lists. Modules keep only their tables' column names here;
 * no module writes its own "in the caller's district" helper.
 */
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor, Role } from './actor.js';

/** The system (jobs, CLI) acts city-wide. */
export interface SystemSubject {
  role: 'system';
}
export type Subject = Actor | SystemSubject | { role: string; districtCode: string | null; orgId: string | null; personId?: string | null };

export type Scope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'org'; orgId: string }
  | { kind: 'person'; personId: string }
  /** A district, org or worker account without its anchor reaches nothing. */
  | { kind: 'none' };

const CITY_WIDE: ReadonlySet<string> = new Set(['system', 'city_admin', 'auditor', 'finance', 'committee']);
const ORG_ROLES: ReadonlySet<string> = new Set(['provider', 'enterprise', 'assessor', 'hospital']);

/** 403 unless the actor's role is one of `roles` (the system always passes). */
export function requireRole(actor: Pick<Subject, 'role'>, roles: readonly (Role | 'system')[], message?: string): void {
  if (actor.role === 'system') return;
  if (!roles.includes(actor.role as Role)) throw new AppError('FORBIDDEN', message ?? `role ${actor.role} may not do this`);
}

/** The part of the world the actor reaches; with `roles`, other roles are refused first (403). */
export function scopeOf(actor: Subject, roles?: readonly (Role | 'system')[], message?: string): Scope {
  if (roles) requireRole(actor, roles, message);
  if (CITY_WIDE.has(actor.role)) return { kind: 'all' };
  const a = actor as { role: string; districtCode?: string | null; orgId?: string | null; personId?: string | null };
  if (actor.role === 'district_admin') return a.districtCode ? { kind: 'district', districtCode: a.districtCode } : { kind: 'none' };
  if (ORG_ROLES.has(actor.role)) return a.orgId ? { kind: 'org', orgId: a.orgId } : { kind: 'none' };
  if (actor.role === 'worker') return a.personId ? { kind: 'person', personId: a.personId } : { kind: 'none' };
  return { kind: 'none' };
}

/** Where an object sits: any of its districts (e.g. the person's and the training's), its organisations, its person. */
export interface Placement {
  districtCodes?: ReadonlyArray<string | null | undefined>;
  orgIds?: ReadonlyArray<string | null | undefined>;
  personId?: string | null | undefined;
}

/** Does the scope reach the object? */
export function covers(scope: Scope, at: Placement): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'district':
      return (at.districtCodes ?? []).includes(scope.districtCode);
    case 'org':
      return (at.orgIds ?? []).includes(scope.orgId);
    case 'person':
      return at.personId === scope.personId;
    case 'none':
      return false;
  }
}

/** 404 (as if absent) unless the scope reaches the object. */
export function assertInScope(scope: Scope, at: Placement, what: string, field = 'id'): void {
  if (!covers(scope, at)) throw notFound(what, field);
}

/** The columns of a table that place its rows; a scope whose column is not given reaches no row. */
export interface ScopeColumns {
  district?: string | readonly string[];
  org?: string | readonly string[];
  person?: string;
}

/**
 * The scope as a SQL condition on `cols`, its value appended to `params` (PostgreSQL `$n` placeholders; pass
 * `placeholder: () => '?'` for builders that number later). Returns 'TRUE' for the whole city.
 */
export function scopeSql(scope: Scope, cols: ScopeColumns, params: unknown[], placeholder: (n: number) => string = (n) => `$${n}`): string {
  const one = (value: string, columns: string | readonly string[] | undefined): string => {
    const list = typeof columns === 'string' ? [columns] : (columns ?? []);
    if (list.length === 0) return 'FALSE';
    params.push(value);
    const p = placeholder(params.length);
    return list.length === 1 ? `${list[0]} = ${p}` : `(${list.map((c) => `${c} = ${p}`).join(' OR ')})`;
  };
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'district':
      return one(scope.districtCode, cols.district);
    case 'org':
      return one(scope.orgId, cols.org);
    case 'person':
      return one(scope.personId, cols.person);
    case 'none':
      return 'FALSE';
  }
}

/**
 * The district a caller's query is confined to: a district admin always their own (asking for another district
 * answers 404, as another scope's object does; an admin without a district matches none — '-'); the city-wide
 * roles what they asked for (null: every district).
 */
export function districtScope(actor: Subject, requested: string | null | undefined): string | null {
  if (actor.role !== 'district_admin') return requested ?? null;
  const scope = scopeOf(actor);
  const own = scope.kind === 'district' ? scope.districtCode : null;
  if (requested && requested !== own) throw notFound('district', 'districtCode');
  return own ?? '-';
}
