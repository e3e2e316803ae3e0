import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { benchEnvironment } from "./lib/environment";

/**
 * `npm run bench:alert-page [-- --samples 60]`: the alert page in Chromium on the demo data
 * (`npm run demo` into a fresh database): from navigation to a usable page, i.e. the process tree
 * rendered and hydrated (clickable, keyboard-ready). Baselines of the same run: the page's APIs
 * (alert, process tree, source-IP activity, fetched in parallel as a client would) and the server's
 * HTML answer. Target: usable ≤ 500 ms p95.
 */
const { values } = parseArgs({ options: { samples: { type: "string", default: "60" } } });
const SAMPLES = Number(values.samples);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "demo-password";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function runDemo(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { env: { ...process.env, DATABASE_URL: url, DEMO_PASSWORD: PASSWORD }, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`demo exited ${code}`))));
  });
}

async function main() {
  const env = await benchEnvironment({ app: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  try {
    await runDemo(env.url);
    const base = env.appUrl!;
    const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "analyst@demo.local", password: PASSWORD }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const list = (await (await fetch(`${base}/api/v1/alerts?status=all&limit=500`, { headers: { cookie } })).json()) as { alerts: { id: string }[] };
    const ids = list.alerts.map((a) => a.id);
    console.log(`demo data: ${ids.length} alerts`);

    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const open = async (id: string) => {
      const t = performance.now();
      await page.goto(`/alerts/${encodeURIComponent(id)}`, { waitUntil: "commit" });
      await page.locator("[data-tree-ready]").waitFor({ timeout: 30_000 });
      return performance.now() - t;
    };
    for (const id of ids.slice(0, 5)) await open(id); // warm-up: code loaded, caches filled

    const usable: number[] = [];
    const apis: number[] = [];
    const html: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const id = ids[i % ids.length]!;
      usable.push(await open(id));
      let t = performance.now();
      await Promise.all([get(`/api/v1/alerts/${id}`), get(`/api/v1/alerts/${id}/process-tree`), get(`/api/v1/alerts/${id}/ip-activity`)]);
      apis.push(performance.now() - t);
      t = performance.now();
      await get(`/alerts/${id}`);
      html.push(performance.now() - t);
    }
    const row = (label: string, xs: number[]) => console.log(`${label.padEnd(44)} ${pct(xs, 50).toFixed(0).padStart(7)} ${pct(xs, 95).toFixed(0).padStart(7)}`);
    console.log(`\n${SAMPLES} samples, 1280x800, Chromium ${browser.version()}`);
    console.log(`${"".padEnd(44)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)}`);
    row("alert page usable (tree rendered, hydrated)", usable);
    row("baseline: its APIs in parallel", apis);
    row("baseline: the server's HTML answer", html);
    console.log(`\nusable / APIs: p50 ${(pct(usable, 50) / pct(apis, 50)).toFixed(1)}x, p95 ${(pct(usable, 95) / pct(apis, 95)).toFixed(1)}x`);
    console.log(`target p95 <= 500 ms: ${pct(usable, 95) <= 500 ? "met" : "NOT met"}`);
  } finally {
    await browser.close();
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
