import { expect, test } from "vitest";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";

const e2e = useAppAndBrowser();

test("an analyst signs in, sees the dashboard shell, switches theme and signs out", async () => {
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await page.goto("/alerts");
  await page.waitForURL(/\/login\?next=%2Falerts/);
  await signIn(page, u.email, u.password);
  expect(new URL(page.url()).pathname).toBe("/alerts");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Alerts", "Rules", "Allowlists", "Overview"]) await expect(nav.getByRole("link", { name: label }).isVisible()).resolves.toBe(true);
  expect(await nav.getByRole("link", { name: "Admin" }).count()).toBe(0); // analysts do not administer
  expect(await page.evaluate(() => document.documentElement.className)).toBe("system"); // follows the system until chosen
  await screenshot(page, "shell-system");

  await page.getByRole("button", { name: "User menu" }).click();
  await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.ok()), page.getByRole("menuitem", { name: "Dark theme" }).click()]);
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await screenshot(page, "shell-dark");

  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/rules");
  await page.waitForURL(/\/login/);
  expect(problems).toEqual([]);
});

test("an admin sees the Admin section", async () => {
  const u = await e2e.app.user("admin");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).isVisible()).resolves.toBe(true);
});

test("a wrong password shows an error that does not reveal whether the account exists", async () => {
  const u = await e2e.app.user("viewer");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  const attempt = async (email: string) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("definitely wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    await alert.waitFor();
    return alert.textContent();
  };
  const known = await attempt(u.email);
  const unknown = await attempt("no-such-user@example.test");
  expect(known).toBe("Invalid email or password");
  expect(unknown).toBe(known);
  expect(new URL(page.url()).pathname).toBe("/login");
  await screenshot(page, "login-error");
});
