import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./app";

/**
 * Debian's Chromium driven by playwright-core (no browser download). As root Chromium needs
 * --no-sandbox; the other flags keep it from reaching out to the network. playwright's launch()
 * gives every browser a fresh temporary profile.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.join(process.cwd(), "test-results", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that fails the test on any script dialog (alert/confirm/prompt: an XSS that ran) and
 * collects console errors and uncaught page errors.
 */
export async function newPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("dialog", async (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/**
 * The app and Chromium for an end-to-end test file: both started (side by side) before its tests,
 * stopped after. Read `app` and `browser` from the returned object inside hooks and tests.
 */
export function useAppAndBrowser(opts: Parameters<typeof startTestApp>[0] = {}): { readonly app: TestApp; readonly browser: Browser } {
  const e2e = {} as { app: TestApp; browser: Browser };
  beforeAll(async () => {
    [e2e.app, e2e.browser] = await Promise.all([startTestApp(opts), launchBrowser()]);
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.app?.stop();
  });
  return e2e;
}
