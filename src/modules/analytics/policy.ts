/** Who reads the statistics, and the part of the cube each reaches (identity/scope.ts is the one policy layer). */
import { notFound } from '../../lib/errors.js';
import { scopeOf, scopeSql, type Role, type Scope, type Subject } from '../identity/index.js';

/** City-wide officers, district admins, providers (their own classes) and enterprises (their customised vouchers). */
export const ANALYTICS_READERS: readonly Role[] = ['city_admin', 'auditor', 'finance', 'district_admin', 'provider', 'enterprise'];

export interface AnalyticsScope {
  scope: Scope;
  role: string;
}

export interface ScopedAsk {
  districtCode?: string | undefined;
  trainingDistrictCode?: string | undefined;
  providerId?: string | undefined;
}

/**
 * The caller's scope (403 for other roles), and the 404 for an ask outside it: a district admin naming another
 * district (unless the other district is paired with their own: their residents trained elsewhere, or others
 * trained in their district), a provider naming another provider.
 */
export function analyticsScope(actor: Subject, ask: ScopedAsk): AnalyticsScope {
  const scope = scopeOf(actor, ANALYTICS_READERS, 'only officers, providers and enterprises read statistics');
  if (scope.kind === 'district') {
    const own = scope.districtCode;
    const { districtCode: d, trainingDistrictCode: t } = ask;
    if (d && d !== own && t !== own) throw notFound('district', 'districtCode');
    if (t && t !== own && d !== own) throw notFound('district', 'trainingDistrictCode');
  }
  if (scope.kind === 'org' && actor.role === 'provider' && ask.providerId && ask.providerId !== scope.orgId) throw notFound('provider', 'providerId');
  return { scope, role: actor.role };
}

/** The scope as a condition on the facts' columns (params appended). */
export function scopeCondition(s: AnalyticsScope, params: unknown[]): string {
  const org = s.role === 'enterprise' ? 'issuer_org_id' : ['provider_id', 'issuer_org_id'];
  return scopeSql(s.scope, { district: ['person_district', 'training_district'], org }, params);
}
