/** Venues (培训场地): stored in GCJ-02 whatever the input's system; a provider manages its own. */
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { isUuid } from '../../lib/identifiers.js';
import * as audit from '../audit/index.js';
import * as catalog from '../catalog/index.js';
import { scopeSql, type Actor } from '../identity/index.js';
import { activeProvider } from './approvals.js';
import { assertOwn, assertReadable, readScope, requireProvider, SCOPE_COLUMNS } from './policy.js';
import { toVenue, type Venue, type VenueRow } from './rows.js';
import { toStored } from './rules.js';
import type { CreateVenueBody, ListQuery } from './schemas.js';

/** Unscoped read (attendance: the geofence). Coordinates are GCJ-02. */
export async function getVenue(q: Queryable, id: string): Promise<Venue | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<VenueRow>('SELECT * FROM venues WHERE id = $1', [id])).rows[0];
  return r ? toVenue(r) : null;
}

/** A new venue, as its body schema gives it (coordinates in either system). */
export type VenueInput = z.infer<typeof CreateVenueBody>;

async function validDistrict(q: Queryable, code: string): Promise<void> {
  if (!(await catalog.getDistrict(q, code))) throw new AppError('DISTRICT_UNKNOWN', `district ${code} is not known`, 'districtCode');
}

export async function createVenue(actor: Actor, tx: Tx, input: VenueInput): Promise<Venue> {
  const providerId = requireProvider(actor);
  await activeProvider(tx, providerId);
  await validDistrict(tx, input.districtCode);
  const p = toStored({ lat: input.lat, lng: input.lng }, input.coordSystem);
  const { rows } = await tx.query<VenueRow>(
    `INSERT INTO venues (provider_id, name, address, district_code, lat_gcj02, lng_gcj02, geofence_radius_m)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [providerId, input.name, input.address, input.districtCode, p.lat, p.lng, input.geofenceRadiusM ?? null],
  );
  const v = toVenue(rows[0]!);
  await audit.record(tx, actor, {
    action: 'venue.create',
    entityType: 'venue',
    entityId: v.id,
    districtCode: v.districtCode,
    detail: { name: v.name, inputSystem: input.coordSystem },
  });
  return v;
}

export async function updateVenue(actor: Actor, tx: Tx, id: string, patch: Partial<VenueInput>): Promise<Venue> {
  const providerId = requireProvider(actor);
  const cur = await getVenue(tx, id);
  assertOwn(providerId, cur, 'venue');
  if (patch.districtCode !== undefined) await validDistrict(tx, patch.districtCode);
  if ((patch.lat === undefined) !== (patch.lng === undefined) || (patch.lat !== undefined && !patch.coordSystem))
    throw new AppError('VALIDATION_FAILED', 'coordinates change together: lat, lng and coordSystem', patch.coordSystem ? 'lat' : 'coordSystem');
  const p = patch.lat !== undefined && patch.lng !== undefined && patch.coordSystem ? toStored({ lat: patch.lat, lng: patch.lng }, patch.coordSystem) : null;
  const { rows } = await tx.query<VenueRow>(
    `UPDATE venues SET name = coalesce($2, name), address = coalesce($3, address), district_code = coalesce($4, district_code),
            lat_gcj02 = coalesce($5, lat_gcj02), lng_gcj02 = coalesce($6, lng_gcj02),
            geofence_radius_m = CASE WHEN $7 THEN $8 ELSE geofence_radius_m END
      WHERE id = $1 RETURNING *`,
    [
      id,
      patch.name ?? null,
      patch.address ?? null,
      patch.districtCode ?? null,
      p?.lat ?? null,
      p?.lng ?? null,
      patch.geofenceRadiusM !== undefined,
      patch.geofenceRadiusM ?? null,
    ],
  );
  const v = toVenue(rows[0]!);
  await audit.record(tx, actor, {
    action: 'venue.update',
    entityType: 'venue',
    entityId: v.id,
    districtCode: v.districtCode,
    detail: { fields: Object.keys(patch) },
  });
  return v;
}

export async function readVenue(actor: Actor, q: Queryable, id: string): Promise<Venue> {
  const s = readScope(actor);
  const v = await getVenue(q, id);
  assertReadable(s, v, 'venue');
  return v;
}

export async function listVenues(actor: Actor, q: Queryable, f: z.infer<typeof ListQuery>) {
  const s = readScope(actor);
  const params: unknown[] = [];
  const where = [scopeSql(s, SCOPE_COLUMNS, params)];
  if (f.providerId) {
    params.push(f.providerId);
    where.push(`provider_id = $${params.length}`);
  }
  const w = `WHERE ${where.join(' AND ')}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*) AS n FROM venues ${w}`, params)).rows[0]!.n;
  const { rows } = await q.query<VenueRow>(`SELECT * FROM venues ${w} ORDER BY name, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
    ...params,
    f.limit,
    f.offset,
  ]);
  return { total, items: rows.map(toVenue) };
}
