/** The recommendation rules, table-driven, with property tests of the ranking. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRICT_CENTRES } from '../catalog/index.js';
import { candidateOccupations, levelMeets, postingProblems, rank, scorePosting, WEIGHTS, type PostingFacts, type WorkerFacts } from './rules.js';

const OCC = '4-10-01-05';
const PUDONG = DISTRICT_CENTRES['310115']!;
const worker = (over: Partial<WorkerFacts> = {}): WorkerFacts => ({ districtCode: '310115', home: PUDONG, certificates: [], training: [], ...over });
const posting = (over: Partial<PostingFacts> = {}): PostingFacts => ({ occupationCode: OCC, level: 4, districtCode: '310115', at: PUDONG, ...over });

describe('levelMeets (1 is the highest level)', () => {
  it.each([
    [4, 4, true],
    [3, 4, true],
    [5, 4, false],
    [4, null, true],
    [0, 5, false],
  ] as const)('held %i, wanted %s → %s', (held, wanted, ok) => expect(levelMeets(held, wanted)).toBe(ok));
});

describe('scorePosting', () => {
  it.each([
    [
      'certificate at the level, same district, here',
      worker({ certificates: [{ occupationCode: OCC, level: 4 }] }),
      posting(),
      ['CERTIFICATE', 'SAME_DISTRICT', 'DISTANCE'],
      WEIGHTS.certificate + WEIGHTS.sameDistrict + WEIGHTS.distance,
    ],
    [
      'certificate below the level wanted',
      worker({ certificates: [{ occupationCode: OCC, level: 5 }] }),
      posting(),
      ['CERTIFICATE_BELOW_LEVEL', 'SAME_DISTRICT', 'DISTANCE'],
      WEIGHTS.certificateBelow + WEIGHTS.sameDistrict + WEIGHTS.distance,
    ],
    [
      'training in progress, no certificate',
      worker({ training: [{ occupationCode: OCC, level: 4, inProgress: true }] }),
      posting(),
      ['TRAINING_IN_PROGRESS', 'SAME_DISTRICT', 'DISTANCE'],
      WEIGHTS.trainingInProgress + WEIGHTS.sameDistrict + WEIGHTS.distance,
    ],
    [
      'trained earlier',
      worker({ training: [{ occupationCode: OCC, level: 4, inProgress: false }] }),
      posting(),
      ['TRAINED', 'SAME_DISTRICT', 'DISTANCE'],
      WEIGHTS.trained + WEIGHTS.sameDistrict + WEIGHTS.distance,
    ],
    ['nothing but the district', worker(), posting(), ['SAME_DISTRICT', 'DISTANCE'], WEIGHTS.sameDistrict + WEIGHTS.distance],
    ['no location: no distance reason', worker({ home: null }), posting(), ['SAME_DISTRICT'], WEIGHTS.sameDistrict],
  ] as const)('%s', (_n, w, p, codes, score) => {
    const s = scorePosting(w, p)!;
    expect(s.reasons.map((r) => r.code)).toEqual(codes);
    expect(s.score).toBeCloseTo(score, 2);
  });

  it('nothing ties them (another occupation, another district): not recommended, however near', () => {
    expect(scorePosting(worker({ districtCode: '310104' }), posting())).toBeNull();
  });

  it('the distance reason says how far (metres), and beyond 30 km gains nothing', () => {
    const far = scorePosting(
      worker({ certificates: [{ occupationCode: OCC, level: 4 }] }),
      posting({ at: DISTRICT_CENTRES['310151']!, districtCode: '310151' }),
    )!;
    expect(far.reasons.find((r) => r.code === 'DISTANCE')!.distanceM).toBeGreaterThan(40_000);
    expect(far.score).toBe(WEIGHTS.certificate);
  });

  it('candidate occupations come from certificates and training, once each', () => {
    expect(
      candidateOccupations(
        worker({
          certificates: [{ occupationCode: OCC, level: 4 }],
          training: [
            { occupationCode: OCC, level: 3, inProgress: true },
            { occupationCode: '4-10-01-03', level: 4, inProgress: false },
          ],
        }),
      ),
    ).toEqual([OCC, '4-10-01-03']);
  });

  it('property: a certificate at the level never scores below any other reason for the same posting', () => {
    const level = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(level, level, fc.boolean(), (held, wanted, inProgress) => {
        const p = posting({ level: wanted });
        const cert = scorePosting(worker({ certificates: [{ occupationCode: OCC, level: held }] }), p)!;
        const trained = scorePosting(worker({ training: [{ occupationCode: OCC, level: held, inProgress }] }), p)!;
        if (levelMeets(held, wanted)) expect(cert.score).toBeGreaterThan(trained.score);
        else expect(cert.reasons[0]!.code).toBe('CERTIFICATE_BELOW_LEVEL');
      }),
    );
  });

  it('property: rank orders by score, then distance, and keeps every item', () => {
    const item = fc.record({ id: fc.uuid(), score: fc.integer({ min: 0, max: 100 }), d: fc.integer({ min: 0, max: 50_000 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (xs) => {
        const ranked = rank(xs.map((x) => ({ id: x.id, score: x.score, reasons: [{ code: 'DISTANCE' as const, distanceM: x.d }] })));
        expect(ranked).toHaveLength(xs.length);
        for (let i = 1; i < ranked.length; i++) {
          const a = ranked[i - 1]!;
          const b = ranked[i]!;
          expect(a.score > b.score || (a.score === b.score && a.reasons[0]!.distanceM! <= b.reasons[0]!.distanceM!)).toBe(true);
        }
      }),
    );
  });
});

describe('postingProblems', () => {
  it.each([
    [{ payMinFen: 100, payMaxFen: 200, validFrom: '2026-12-01', validUntil: '2026-12-31' }, []],
    [{ payMinFen: 300, payMaxFen: 200, validFrom: '2026-12-01', validUntil: '2026-12-31' }, ['payMaxFen']],
    [{ payMinFen: 100, payMaxFen: 200, validFrom: '2026-12-31', validUntil: '2026-12-01' }, ['validUntil']],
  ] as const)('%j → %j', (p, fields) => expect(postingProblems(p).map((x) => x.field)).toEqual(fields));
});
