import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3170";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await b.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto("/login");
await page.getByLabel("Email").fill("analyst@demo.local");
await page.getByLabel("Password").fill("demo-password");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
const id = process.argv[2];
for (let i = 0; i < 4; i++) {
  const t0 = Date.now();
  const ev: string[] = [];
  const onReq = (r: any) => ev.push(`${Date.now() - t0} req ${r.url().replace(base, "").slice(0, 70)}`);
  const onRes = (r: any) => ev.push(`${Date.now() - t0} res ${r.url().replace(base, "").slice(0, 70)}`);
  page.on("request", onReq); page.on("requestfinished", onRes);
  await page.goto(`/alerts/${id}`, { waitUntil: "commit" });
  ev.push(`${Date.now() - t0} commit`);
  await page.waitForLoadState("domcontentloaded"); ev.push(`${Date.now() - t0} dcl`);
  await page.locator('[role="tree"]').first().waitFor(); await page.locator("[role=tree][data-hydrated]").waitFor(); ev.push(`${Date.now() - t0} tree`);
  page.off("request", onReq); page.off("requestfinished", onRes);
  if (i === 3) console.log(ev.join("\n"));
  else console.log(Date.now() - t0);
}
await b.close();
