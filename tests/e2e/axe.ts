/**
 * axe-core in Chromium (issue 20, part 5): injects node_modules/axe-core/axe.min.js into the page, runs axe.run()
 * on the whole document and writes the results to test-artefacts/axe/<name>.json. The caller fails on any serious or
 * critical violation. An exception is one rule on the elements under one selector, with the reason written next to
 * it (never a whole rule switched off for the page).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeException {
  rule: string;
  /** the elements (and their descendants) the rule is waived for */
  selector: string;
  why: string;
}

/** The part of axe-core's result this helper reads (axe.min.js runs in the page; its types are not imported here). */
interface AxeNode {
  target: unknown[];
  impact?: string | null;
  html: string;
  failureSummary?: string;
}
interface AxeRule {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  tags: string[];
  nodes: AxeNode[];
}
interface AxeResults {
  url: string;
  timestamp: string;
  testEngine: unknown;
  violations: AxeRule[];
  passes?: AxeRule[];
}

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeCheck(page: Page, name: string, exceptions: AxeException[] = []): Promise<{ serious: AxeFinding[]; all: AxeFinding[] }> {
  // let the page settle (requests answered, antd's motion finished) before reading it
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const raw = await page.evaluate(
    async (ex: Array<{ rule: string; selector: string }>) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResults> } }).axe;
      const res = await axe.run(document, { resultTypes: ['violations'] });
      const waived = (rule: string, target: unknown[]) =>
        ex.some((e) => {
          if (e.rule !== rule) return false;
          const sel = target[target.length - 1];
          const el = typeof sel === 'string' ? document.querySelector(sel) : null;
          return !!el?.closest(e.selector);
        });
      const violations = res.violations.map((v) => ({ ...v, nodes: v.nodes.filter((n) => !waived(v.id, n.target)) })).filter((v) => v.nodes.length > 0);
      return {
        url: res.url,
        timestamp: res.timestamp,
        testEngine: res.testEngine,
        violations: violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          tags: v.tags,
          nodes: v.nodes.map((n) => ({ target: n.target, impact: n.impact, html: String(n.html).slice(0, 300), summary: n.failureSummary })),
        })),
        passes: res.passes?.length ?? null,
      };
    },
    exceptions.map(({ rule, selector }) => ({ rule, selector })),
  );
  const dir = join(process.cwd(), 'test-artefacts', 'axe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...raw, exceptions }, null, 2));
  const all: AxeFinding[] = raw.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
  return { all, serious: all.filter((f) => f.impact === 'serious' || f.impact === 'critical') };
}

/** Buttons and links a finger must hit on a phone page, smaller than 44 × 44 px (visible ones only). */
export async function smallTargets(page: Page, root = '.mobile-shell'): Promise<string[]> {
  return page.evaluate((rootSel) => {
    const out: string[] = [];
    const root = document.querySelector(rootSel);
    if (!root) return out;
    for (const el of root.querySelectorAll<HTMLElement>('button, a.ant-btn, [role=button], .me-link')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.display === 'none') continue;
      // a control inside a form field (the password eye, a select's clear) is part of the larger field
      if (el.closest('.ant-input-affix-wrapper, .ant-select, .ant-picker, .ant-input-number')) continue;
      if (r.height < 44 || r.width < 44) {
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20);
        out.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${label}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, root);
}
