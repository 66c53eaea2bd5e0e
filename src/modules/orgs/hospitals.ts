/**
 * Designated rehabilitation hospitals (organisations of kind `hospital`, issue 18) with their profile: where
 * they are (GCJ-02), the conditions they take, their rehabilitation beds. Unscoped reads for the rehab
 * module (every signed-in role may see the list of designated hospitals).
 */
import type { Queryable } from '../../db/index.js';
import { isUuid } from '../../lib/identifiers.js';

export interface Hospital {
  id: string;
  name: string;
  districtCode: string;
  address: string | null;
  status: 'active' | 'suspended';
  /** GCJ-02. */
  lat: number;
  lng: number;
  conditions: string[];
  beds: number;
}

interface HospitalRow {
  id: string;
  name: string;
  district_code: string;
  address: string | null;
  status: 'active' | 'suspended';
  lat: number;
  lng: number;
  conditions: string[];
  rehab_beds: number;
}

const SELECT = `SELECT o.id, o.name, o.district_code, o.address, o.status, p.lat, p.lng, p.conditions, p.rehab_beds
                  FROM organisations o JOIN hospital_profiles p ON p.org_id = o.id WHERE o.kind = 'hospital'`;

const toHospital = (r: HospitalRow): Hospital => ({
  id: r.id,
  name: r.name,
  districtCode: r.district_code,
  address: r.address,
  status: r.status,
  lat: Number(r.lat),
  lng: Number(r.lng),
  conditions: r.conditions,
  beds: Number(r.rehab_beds),
});

/** Every designated hospital, by name. */
export async function listHospitals(q: Queryable): Promise<Hospital[]> {
  return (await q.query<HospitalRow>(`${SELECT} ORDER BY o.name, o.id`)).rows.map(toHospital);
}

/** One designated hospital, or null (also for an organisation of another kind). */
export async function getHospital(q: Queryable, id: string): Promise<Hospital | null> {
  if (!isUuid(id)) return null;
  const r = (await q.query<HospitalRow>(`${SELECT} AND o.id = $1`, [id.toLowerCase()])).rows[0];
  return r ? toHospital(r) : null;
}
