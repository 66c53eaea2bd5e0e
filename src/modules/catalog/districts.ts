/**
 * Where each of Shanghai's 16 districts is, for distance when a person shares no position: the approximate
 * centre (the district government's seat, GCJ-02 as China's maps use), by administrative division code. Served
 * with the districts (`GET /api/v1/districts`) so that the server (job recommendations) and the web app (the
 * rehabilitation application's home) measure from the same point.
 */
export interface Centre {
  lat: number;
  lng: number;
}

export const DISTRICT_CENTRES: Readonly<Record<string, Centre>> = {
  '310101': { lat: 31.2317, lng: 121.4846 },
  '310104': { lat: 31.1885, lng: 121.4365 },
  '310105': { lat: 31.2204, lng: 121.4241 },
  '310106': { lat: 31.229, lng: 121.448 },
  '310107': { lat: 31.2495, lng: 121.3975 },
  '310109': { lat: 31.2646, lng: 121.505 },
  '310110': { lat: 31.2595, lng: 121.526 },
  '310112': { lat: 31.1129, lng: 121.3817 },
  '310113': { lat: 31.4054, lng: 121.4896 },
  '310114': { lat: 31.3747, lng: 121.2655 },
  '310115': { lat: 31.2215, lng: 121.5447 },
  '310116': { lat: 30.7416, lng: 121.3417 },
  '310117': { lat: 31.0322, lng: 121.2277 },
  '310118': { lat: 31.151, lng: 121.124 },
  '310120': { lat: 30.918, lng: 121.474 },
  '310151': { lat: 31.623, lng: 121.3974 },
};

/** A district's centre, or null for a code without one. */
export const districtCentre = (code: string): Centre | null => DISTRICT_CENTRES[code] ?? null;
