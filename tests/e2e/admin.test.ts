import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";

const e2e = useAppAndBrowser();

const HOSTILE_NAME = `<img src=x onerror=alert("name")>`;

test("an admin creates a user and an API key, revokes the key and finds it all in the audit trail", async () => {
  const admin = await e2e.app.user("admin");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin");
  await page.waitForURL(/\/admin\/users$/);
  expect(await page.evaluate(() => document.documentElement.className)).toBe("system"); // the app's theme (the system's until chosen)
  await page.getByRole("table", { name: "Users" }).getByText(admin.email).waitFor();

  // a user with a generated password, shown once
  const email = `e2e-analyst-${Date.now()}@example.test`;
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name (optional)").fill(HOSTILE_NAME);
  await form.getByLabel("Role").selectOption("analyst");
  await form.getByRole("button", { name: "Create user" }).click();
  const created = page.getByRole("dialog", { name: "User created" });
  await created.getByText("This password is shown once").waitFor();
  const password = await created.getByLabel("Password").inputValue();
  expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
  await created.getByRole("button", { name: "Done" }).click();
  const users = page.getByRole("table", { name: "Users" });
  await users.getByText(HOSTILE_NAME, { exact: true }).waitFor(); // the name renders as text
  expect(await page.locator("img[src=x]").count()).toBe(0);
  await screenshot(page, "admin-users");

  // the last active admin cannot demote themself; the select keeps the real role
  await users.getByLabel(`Role of ${admin.email}`).selectOption("viewer");
  await page.getByRole("alert").filter({ hasText: "You are the last active admin" }).waitFor();
  expect(await users.getByLabel(`Role of ${admin.email}`).inputValue()).toBe("admin");

  // the new user can sign in with the shown password
  const other = await newPage(e2e.browser, e2e.app.url);
  await signIn(other.page, email, password);
  expect(new URL(other.page.url()).pathname).toBe("/alerts");

  // disabling asks first, then signs the user out at once
  await users.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog", { name: "Disable user?" }).getByRole("button", { name: "Disable user" }).click();
  await users.getByRole("row").filter({ hasText: email }).getByText("Disabled").waitFor();
  await other.page.reload();
  await other.page.waitForURL(/\/login/);
  await other.page.context().close();

  // an API key, shown once, then revoked
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "API keys" }).click();
  await page.waitForURL(/\/admin\/api-keys$/);
  await page.getByRole("button", { name: "New API key" }).click();
  const keyForm = page.getByRole("form", { name: "New API key" });
  await keyForm.getByLabel("Name").fill("e2e shipper");
  await keyForm.getByRole("radio", { name: /^read/ }).check();
  await keyForm.getByRole("button", { name: "Create key" }).click();
  const keyDialog = page.getByRole("dialog", { name: "API key created" });
  await keyDialog.getByText("This key is shown once").waitFor();
  const key = await keyDialog.getByLabel("API key").inputValue();
  expect(key).toMatch(/^lat_[A-Za-z0-9]{8}_/);
  expect((await fetch(`${e2e.app.url}/api/v1/alerts`, { headers: { authorization: `ApiKey ${key}` } })).status).toBe(200);
  await keyDialog.getByRole("button", { name: "Done" }).click();
  const keys = page.getByRole("table", { name: "API keys" });
  const prefix = key.split("_")[1];
  await keys.getByText(`lat_${prefix}_…`).waitFor();
  expect(await page.content()).not.toContain(key); // gone once the dialog is closed
  await screenshot(page, "admin-api-keys");

  await keys.getByRole("button", { name: "Revoke e2e shipper" }).click();
  await page.getByRole("dialog", { name: "Revoke API key?" }).getByRole("button", { name: "Revoke key" }).click();
  await keys.getByText("Revoked").waitFor();
  expect((await fetch(`${e2e.app.url}/api/v1/alerts`, { headers: { authorization: `ApiKey ${key}` } })).status).toBe(401);

  // the audit trail, filtered
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit trail" }).click();
  await page.waitForURL(/\/admin\/audit$/);
  const filters = page.getByRole("form", { name: "Audit filters" });
  await filters.getByLabel("Action (prefix)").fill("apikey.");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/action=apikey\./);
  const audit = page.getByRole("table", { name: "Audit entries" });
  await audit.getByText("apikey.revoke").waitFor();
  expect(await audit.getByText("apikey.create").count()).toBe(1);
  expect(await audit.getByText("user.create").count()).toBe(0);

  await filters.getByLabel("Action (prefix)").fill("user.");
  await filters.getByLabel("Target type").selectOption("user");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/action=user\..*targetType=user/);
  await audit.getByText("user.create").first().waitFor();
  // the filters survive a reload: they live in the URL
  await page.reload();
  expect(await page.getByRole("form", { name: "Audit filters" }).getByLabel("Action (prefix)").inputValue()).toBe("user.");
  const row = audit.getByRole("row").filter({ hasText: "user.create" }).first();
  await row.getByText("Details").click();
  const details = await row.locator("pre").textContent();
  expect(JSON.parse(details!)).toMatchObject({ email, role: "analyst", passwordGenerated: true });
  await screenshot(page, "admin-audit");

  const rows = JSON.stringify(await db().auditEntry.findMany({ select: { actorLabel: true, details: true } }));
  expect(rows).not.toContain(password);
  expect(rows).not.toContain(key);
  expect(problems).toEqual([]);
});

test("sign-ins, failed ones included, appear in the audit trail", async () => {
  const admin = await e2e.app.user("admin");
  const viewer = await e2e.app.user("viewer");
  await fetch(`${e2e.app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: viewer.email, password: "nope nope nope" }),
  });
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/admin/audit?action=auth.sign_in&ok=false&actor=${encodeURIComponent(viewer.email)}`);
  const audit = page.getByRole("table", { name: "Audit entries" });
  await audit.getByText(viewer.email).waitFor();
  expect(await audit.getByText("Failed").count()).toBe(1);
  expect(await page.getByRole("form", { name: "Audit filters" }).getByLabel("Outcome").inputValue()).toBe("false");

  await page.goto(`/admin/audit?action=no.such.action`);
  await page.getByText("No entries match these filters").waitFor();
});

test("an analyst opening /admin sees Admins only", async () => {
  const analyst = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  for (const path of ["/admin", "/admin/users", "/admin/api-keys", "/admin/audit"]) {
    await page.goto(path);
    await page.getByRole("heading", { name: "Admins only" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
  }
  await screenshot(page, "admin-forbidden");
  expect(problems).toEqual([]);
});
