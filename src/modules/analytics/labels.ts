/** zh-CN names for the statistics' keys (districts, programmes, occupations, providers, classes, categories, levels). */
import type { Queryable } from '../../db/index.js';
import { zh } from '../../http/export.js';
import * as catalog from '../catalog/index.js';
import * as orgs from '../orgs/index.js';
import * as training from '../training/index.js';
import type { AnalyticsScope } from './policy.js';
import { NONE, type GroupBy } from './queries.js';

export type Labeller = (by: GroupBy, key: string) => Promise<string>;

/**
 * The row of facts without that dimension, named for what it holds: a voucher not (yet) in any training has no
 * training district, provider or class; a person without a registered district has no home district.
 */
export function noneLabel(by: GroupBy): string {
  if (by === 'trainingDistrict' || by === 'provider' || by === 'class') return '（未参加培训）';
  if (by === 'district') return '（户籍区未登记）';
  return '（未标明）';
}

/** A labeller with its look-ups cached for one answer. */
export async function labeller(q: Queryable): Promise<Labeller> {
  const districts = new Map((await catalog.listDistricts(q)).map((d) => [d.code, d.name]));
  const programmes = new Map((await catalog.listProgrammes(q)).map((p) => [p.id, p.name]));
  const cache = new Map<string, string>();
  const cached = async (k: string, load: () => Promise<string | null | undefined>): Promise<string> => {
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = (await load()) ?? k));
    return v;
  };
  return async (by, key) => {
    if (key === NONE) return noneLabel(by);
    switch (by) {
      case 'district':
      case 'trainingDistrict':
        return districts.get(key) ?? key;
      case 'programme':
        return programmes.get(key) ?? key;
      case 'occupation':
        return cached(`o:${key}`, async () => (await catalog.getOccupation(q, key))?.name);
      case 'provider':
        return cached(`p:${key}`, async () => (await orgs.getOrg(q, key))?.name);
      case 'class':
        return cached(`c:${key}`, async () => (await training.getClass(q, key))?.name);
      case 'category':
        return zh(`cat.${key}`, key);
      case 'level':
        return zh(`level.${key}`, key);
      case 'month':
        return key;
    }
  };
}

export interface ScopeView {
  kind: 'all' | 'district' | 'org' | 'none';
  districtCode?: string;
  orgId?: string;
  label: string;
}

/** The scope as the answer names it (全市, a district's name, an organisation's name). */
export async function scopeView(q: Queryable, s: AnalyticsScope): Promise<ScopeView> {
  const sc = s.scope;
  if (sc.kind === 'all') return { kind: 'all', label: '全市' };
  if (sc.kind === 'district')
    return { kind: 'district', districtCode: sc.districtCode, label: (await catalog.getDistrict(q, sc.districtCode))?.name ?? sc.districtCode };
  if (sc.kind === 'org') return { kind: 'org', orgId: sc.orgId, label: (await orgs.getOrg(q, sc.orgId))?.name ?? '本机构' };
  return { kind: 'none', label: '无' };
}
