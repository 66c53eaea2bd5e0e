/**
 * The help pages' content (issue 20, part 5): one page for every role that signs in, each with all four parts, in
 * both languages; a zh-CN text shows no English words or raw codes, an English text no Chinese.
 */
import { describe, expect, it } from 'vitest';
import { helpRoleOf, helpRoles, hotlineCommon, type Bi } from '../../web/src/help/content';

const SIGN_IN_ROLES = ['worker', 'provider', 'enterprise', 'assessor', 'district_admin', 'city_admin', 'finance', 'auditor', 'committee', 'hospital'];
/** product and format names a Chinese reader meets in Latin letters on government sites */
const LATIN_IN_ZH = new Set(['APP', 'Excel', 'CSV']);
const CJK = /[\u3400-\u9fff]/;

function texts(): Array<{ where: string; b: Bi }> {
  const out: Array<{ where: string; b: Bi }> = hotlineCommon.map((b, i) => ({ where: `hotline ${i}`, b }));
  for (const r of helpRoles) {
    out.push({ where: `${r.key} title`, b: r.title }, { where: `${r.key} intro`, b: r.intro });
    for (const [part, sections] of [
      ['guide', r.guide],
      ['policy', r.policy],
    ] as const) {
      for (const s of sections) {
        out.push({ where: `${r.key} ${part} title`, b: s.title });
        for (const x of [...(s.steps ?? []), ...(s.body ?? [])]) out.push({ where: `${r.key} ${part} ${s.title[1]}`, b: x });
      }
    }
    for (const f of r.faq) out.push({ where: `${r.key} faq q`, b: f.q }, { where: `${r.key} faq a`, b: f.a });
    for (const h of r.hotline) out.push({ where: `${r.key} hotline`, b: h });
  }
  return out;
}

describe('help content', () => {
  it('every role that signs in has a help page, and every page has its guide, policy, questions and hotline', () => {
    for (const role of SIGN_IN_ROLES) {
      const key = helpRoleOf[role];
      expect(key, role).toBeDefined();
      const h = helpRoles.find((r) => r.key === key);
      expect(h, role).toBeDefined();
    }
    expect(helpRoles.map((r) => r.key).sort()).toEqual(['assessor', 'enterprise', 'finance', 'officer', 'provider', 'rehab', 'worker']);
    for (const r of helpRoles) {
      expect(r.guide.length, r.key).toBeGreaterThan(0);
      expect(r.guide.every((s) => (s.steps ?? s.body ?? []).length > 0)).toBe(true);
      expect(r.policy.length, r.key).toBeGreaterThan(0);
      expect(r.faq.length, r.key).toBeGreaterThanOrEqual(2);
      expect(r.hotline.length, r.key).toBeGreaterThan(0);
    }
  });

  it('every text is written in both languages: no English words in zh-CN, no Chinese in English', () => {
    const all = texts();
    expect(all.length).toBeGreaterThan(100);
    for (const { where, b } of all) {
      const [zh, en] = b;
      expect(zh.trim(), where).not.toBe('');
      expect(en.trim(), where).not.toBe('');
      expect(zh, where).toMatch(CJK);
      const latin = (zh.match(/[A-Za-z][A-Za-z.]{2,}/g) ?? []).filter((w) => !LATIN_IN_ZH.has(w));
      expect(latin, `${where}: ${zh}`).toEqual([]);
      expect(en, `${where}: ${en}`).not.toMatch(CJK);
    }
  });

  it('states the bulletin’s facts as the platform applies them', () => {
    const zh = texts()
      .map((t) => t.b[0])
      .join('\n');
    // the opening report three days before the class, the 5-working-day notice, the nine conditions and seven hospitals
    expect(zh).toContain('开班 3 天前');
    expect(zh).toContain('公示 5 个工作日');
    for (const c of ['颅脑损伤', '骨折', '脊柱脊髓损伤', '手外伤', '截肢', '关节和软组织损伤', '烧伤', '周围神经损伤', '持续植物状态']) expect(zh).toContain(c);
    for (const h of ['岳阳中西医结合医院', '徐汇区中心医院', '第八人民医院', '上海市第一康复医院', '上海市养志康复医院', '上海中冶医院', '上海安达医院'])
      expect(zh).toContain(h);
    expect(zh).toContain('12333');
  });
});
