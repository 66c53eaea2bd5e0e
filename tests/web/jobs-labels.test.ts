/**
 * How a posting's pay, a distance and the jobs/evaluation strings read on a zh-CN screen: pay in whole 元 (never fen,
 * never ¥….00 for a monthly wage), distances in 公里, no English word or code left in a Chinese string.
 */
import { describe, expect, it } from 'vitest';
import i18n from '../../web/src/i18n';
import { yuan } from '../../web/src/lib/format';
import { jobsStrings } from '../../web/src/i18n/strings-jobs';
import { evaluationStrings } from '../../web/src/i18n/strings-evaluation';
import { reasonText } from '../../web/src/pages/jobs/labels';

const zh = i18n.getFixedT('zh-CN');

describe('jobs labels', () => {
  it.each([
    [700_000, '7,000'],
    [1_234_550, '12,345.50'],
    [0, '0'],
    [null, '—'],
  ])('%s fen reads as %s 元', (v, out) => {
    expect(yuan(v)).toBe(out);
  });

  it('a monthly pay reads as 月薪 7,000 ~ 9,000 元', () => {
    expect(zh('jobs.pay', { min: yuan(700_000), max: yuan(900_000) })).toBe('月薪 7,000 ~ 9,000 元');
  });

  it('a distance reads in 公里, a certificate by occupation and level', () => {
    expect(reasonText(zh, { code: 'DISTANCE', distanceM: 2345 }, [])).toBe('距您 2.3 公里');
    expect(reasonText(zh, { code: 'CERTIFICATE', occupationName: '养老护理员', level: 4 }, [])).toBe('持有养老护理员四级证书');
  });

  it('every zh-CN string of the jobs and evaluation pages is Chinese and has an English twin', () => {
    // GCJ-02 names the coordinate system a clerk types the posting's position in
    for (const [key, [cn, eng]] of Object.entries({ ...jobsStrings, ...evaluationStrings })) {
      expect(cn.replace(/\{\{\w+\}\}/g, '').replace('GCJ-02', ''), key).not.toMatch(/[A-Za-z]{2,}/);
      if (key !== 'jobs.lvl.0') expect(eng.length, key).toBeGreaterThan(0);
    }
  });
});
