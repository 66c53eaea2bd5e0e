/** Shared browser-test helpers: Debian's Chromium through playwright-core, sign-in flows, screenshots. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { expect, inject } from 'vitest';

export const DEMO_PASSWORD = 'Demo-2026-skillvoucher';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const MOBILE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

export const baseUrl = (): string => inject('baseUrl');

export interface Session {
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * playwright-core refuses a --user-data-dir argument on launch(); it gives every launch its own fresh
 * temporary profile instead (and deletes it on close), which is what we want. TMPDIR points it at a folder of ours.
 */
export async function launch(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'sv-chromium-'));
  process.env.TMPDIR = profile;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function newPage(
  browser: Browser,
  opts: {
    mobile?: boolean;
    lang?: 'zh-CN' | 'en';
    geolocation?: { latitude: number; longitude: number; accuracy?: number };
    baseURL?: string;
    /** the accessibility checks inject axe-core as a script tag, which the app's CSP (script-src 'self') refuses */
    bypassCSP?: boolean;
  } = {},
): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({
    viewport: opts.mobile ? MOBILE : DESKTOP,
    deviceScaleFactor: 1,
    isMobile: !!opts.mobile,
    hasTouch: !!opts.mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: opts.baseURL ?? baseUrl(),
    acceptDownloads: true,
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
    ...(opts.bypassCSP ? { bypassCSP: true } : {}),
  });
  if (opts.lang) await ctx.addInitScript((l) => localStorage.setItem('lang', l), opts.lang);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.setDefaultTimeout(20_000);
  return { ctx, page, errors };
}

/** The current TOTP code; `offsetMs` when the server runs at a shifted clock (faketime). */
export function totpNow(secret = DEMO_TOTP_SECRET, offsetMs = 0): string {
  return new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetMs });
}

/** Staff sign-in through the page: password, then the TOTP step when the account has one. */
export async function signIn(page: Page, username: string, opts: { password?: string; totpSecret?: string; clockOffsetMs?: number } = {}): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(opts.password ?? DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  if (opts.totpSecret) {
    await page.locator('#totp').waitFor();
    await page.locator('#totp').fill(totpNow(opts.totpSecret, opts.clockOffsetMs ?? 0));
    await page.locator('button[type=submit]').click();
  }
  await page.getByTestId('whoami').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(process.cwd(), 'test-artefacts', `${name}.png`), fullPage: true });
}

/** Calls the API with the page's cookie session (same origin), for set-up steps that are not under test. */
export async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await page.request.fetch(url, {
    method,
    data: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status(), body: parsed as T };
}

/** The demo workers the server printed at start (e-SSC simulator identities). */
export function demoWorkers(): Array<{ username: string; idNumber: string; name: string }> {
  const out: Array<{ username: string; idNumber: string; name: string }> = [];
  for (const m of inject('serverLog').matchAll(/worker\s+(\S+)\s+e-SSC simulator: ID (\d{17}[\dX]) \(([^)]+)\)/g)) {
    out.push({ username: m[1]!, idNumber: m[2]!, name: m[3]! });
  }
  return out;
}

/** A valid resident ID number (GB 11643 check character) for a fresh synthetic person. */
export function syntheticIdNumber(seq: number, district = '310115', birth = '19900101'): string {
  const body = `${district}${birth}${String(seq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** Worker sign-in through the e-SSC simulator page. */
export async function signInWorker(page: Page, who: { idNumber: string; name: string }): Promise<void> {
  await page.goto('/essc');
  await page.locator('#essc-name').fill(who.name);
  await page.locator('#essc-id').fill(who.idNumber);
  await page.locator('button[type=submit]').click();
  await page.locator('.mobile-shell').waitFor();
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Reads a zh-CN screen as its user would: no English words (but `allowed`, e.g. the language switch's "English"),
 * no UUID, no ISO timestamp, and none of the raw codes `raw` matches. Returns the screen's text.
 */
export async function cleanZh(page: Page, what: string, opts: { allowed?: readonly string[]; raw?: RegExp } = {}): Promise<string> {
  const allowed = new Set(opts.allowed ?? ['English', 'demo']);
  await page.waitForTimeout(300);
  const text = await page.locator('body').innerText();
  const words = (text.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !allowed.has(w));
  expect(words, `${what}: English words on a zh-CN screen`).toEqual([]);
  expect(text, `${what}: a UUID on screen`).not.toMatch(UUID_RE);
  expect(text, `${what}: an ISO timestamp on screen`).not.toMatch(ISO_RE);
  if (opts.raw) expect(text, `${what}: a raw code on screen`).not.toMatch(opts.raw);
  return text;
}

/** A demo worker as a server of the test's own printed it at start (e-SSC simulator identity). */
export function demoWorkerIn(log: string, username: string): { username: string; idNumber: string; name: string } {
  const m = new RegExp(`worker\\s+${username.replace('.', '\\.')}\\s+e-SSC simulator: ID (\\d{17}[\\dX]) \\(([^)]+)\\)`).exec(log);
  if (!m) throw new Error(`${username} is not in the server log`);
  return { username, idNumber: m[1]!, name: m[2]! };
}
