/** The web's WGS-84 → GCJ-02 conversion (the worker's "use my location") agrees with the server's. */
import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 as server } from '../../src/modules/training/rules';
import { wgs84ToGcj02 as web } from '../../web/src/lib/geo';

describe('web geo', () => {
  it.each([
    [31.2397, 121.4998],
    [31.0323, 121.2277],
    [30.7417, 121.3419],
    [39.9042, 116.4074],
    [51.5072, -0.1276], // outside China: unchanged
  ])('(%d, %d) converts as the server does', (lat, lng) => {
    const a = web({ lat, lng });
    const b = server({ lat, lng });
    expect(a.lat).toBeCloseTo(b.lat, 9);
    expect(a.lng).toBeCloseTo(b.lng, 9);
  });
});
