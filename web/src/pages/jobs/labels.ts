/** How a recommendation's reason reads (plain functions, no React: the web tests call them). */
import type { Schemas } from '../../lib/api';
import { districtName, type District } from '../../lib/data';

type Reason = Schemas['JobRecommendation']['reasons'][number];

/** One reason in words: "持有养老护理员四级证书", "距您 2.3 公里". */
export function reasonText(t: (k: string, o?: Record<string, unknown>) => string, r: Reason, districts: District[]): string {
  return t(`jobs.reason.${r.code}`, {
    occ: r.occupationName ?? r.occupationCode ?? '',
    lvl: r.level !== undefined ? t(`jobs.lvl.${r.level}`) : '',
    district: districtName(districts, r.districtCode),
    km: r.distanceM !== undefined ? (r.distanceM / 1000).toFixed(1) : '',
  });
}
