import { afterAll, beforeAll, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { signatureValid, startHttpReceiver, type HttpReceiver } from "@/tests/helpers/receivers";
import { startRsyslog } from "@/tests/helpers/servers";

/**
 * Admin → Notifications in Chromium: create a webhook (its signing secret shown once), send a test
 * and read the receiver's answer, edit its routing, retry a dead letter, delete it. A hostile name
 * renders as text.
 */
// Settings the server reads at start: a server of its own.
const e2e = useAppAndBrowser({ env: { NOTIFY_SECRET_KEY: "d".repeat(64) } });
const HOSTILE = `<img src=x onerror=alert("dest")>`;
let rx: HttpReceiver;
beforeAll(async () => {
  rx = await startHttpReceiver();
  rx.behave({ status: 202, body: "accepted by the test receiver" });
});
afterAll(() => rx?.close());

test("an admin creates a webhook, tests it, edits it, retries a dead letter and deletes it", async () => {
  const admin = await e2e.app.user("admin");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Notifications" }).click();
  await page.waitForURL(/\/admin\/notifications$/);
  await page.getByText("No destinations").waitFor();

  await page.getByRole("button", { name: "New destination" }).click();
  const form = page.getByRole("form", { name: "New destination" });
  await form.getByLabel("Name").fill(HOSTILE);
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("URL").fill(`${rx.url}/hook`);
  await form.getByLabel("Custom headers").fill("Authorization: Bearer from-the-form");
  await form.getByLabel("Incident changes").check();
  await form.getByRole("button", { name: "Create destination" }).click();
  const created = page.getByRole("dialog", { name: "Webhook created" });
  await created.getByText("This secret is shown once").waitFor();
  const secret = await created.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await created.getByRole("button", { name: "Done" }).click();
  const table = page.getByRole("table", { name: "Notification destinations" });
  await table.getByText(HOSTILE, { exact: true }).waitFor();
  await table.getByText("new alerts, incident changes; all rules; low and above").waitFor();
  expect(await page.content()).not.toContain(secret);
  expect(await page.locator("img[src=x]").count()).toBe(0);

  // Send a test: the receiver's answer is shown; the request is signed with the secret.
  await table.getByRole("button", { name: `Send a test to ${HOSTILE}` }).click();
  const result = page.getByRole("status", { name: "Test result" });
  await result.getByText("delivered (202)").waitFor();
  await result.getByText("accepted by the test receiver").waitFor();
  const got = rx.requests.at(-1)!;
  expect(signatureValid(secret, got.body, got.headers["x-lateral-signature"])).toBe(true);
  expect(got.headers.authorization).toBe("Bearer from-the-form");
  await screenshot(page, "admin-notifications");

  // A receiver that fails: the failure and its answer are shown.
  rx.behave({ status: 500, body: "the receiver is broken" });
  await table.getByRole("button", { name: `Send a test to ${HOSTILE}` }).click();
  await result.getByText("failed (500)").waitFor();
  await result.getByText("the receiver is broken").waitFor();
  rx.behave({ status: 200 });

  // Edit: routing changes, the stored headers are kept.
  await table.getByRole("button", { name: `Edit ${HOSTILE}` }).click();
  const edit = page.getByRole("form", { name: "Edit destination" });
  await edit.getByLabel("Minimum severity").selectOption("high");
  await edit.getByLabel("Incoming Execution via WinRM Remote Shell").check();
  await edit.getByRole("button", { name: "Save" }).click();
  await table.getByText("new alerts, incident changes; Incoming Execution via WinRM Remote Shell; high and above").waitFor();
  await table.getByRole("button", { name: `Send a test to ${HOSTILE}` }).click();
  await result.getByText("delivered (200)").waitFor();
  expect(rx.requests.at(-1)!.headers.authorization).toBe("Bearer from-the-form");

  // A dead letter, listed with its last error; Retry queues it again.
  const dest = await db().notificationDestination.findFirstOrThrow();
  const id = "22222222-3333-4444-8555-666666666666";
  await pool().query(
    `INSERT INTO notification_outbox (id, destination_id, kind, subject_id, status, attempts, last_error, last_attempt_at, message_id)
     VALUES ($1, $2, 'alert', 'abcdef0123456789abcdef0123456789', 'dead', 10, $3, now(), $1)`,
    [id, dest.id, `503 <b>maintenance</b>`],
  );
  await page.reload();
  const dead = page.getByRole("table", { name: "Dead letters" });
  await dead.getByText("503 <b>maintenance</b>", { exact: true }).waitFor();
  await dead.getByRole("button", { name: `Retry message to ${HOSTILE}` }).click();
  await page.getByText("Queued again for").waitFor();
  await page.getByText("No dead letters").waitFor();
  expect((await pool().query(`SELECT status FROM notification_outbox WHERE id = $1`, [id])).rows[0].status).toBe("pending");
  expect(await db().auditEntry.count({ where: { action: "notification.retry", targetId: id } })).toBe(1);

  // Delete, after asking.
  await table.getByRole("button", { name: `Delete ${HOSTILE}` }).click();
  await page.getByRole("dialog", { name: "Delete destination?" }).getByRole("button", { name: "Delete destination" }).click();
  await page.getByText("No destinations").waitFor();
  expect(await db().notificationDestination.count()).toBe(0);
  const actions = (await db().auditEntry.findMany({ where: { targetId: dest.id }, orderBy: { at: "asc" } })).map((a) => a.action);
  expect(actions.filter((a) => !a.endsWith(".test"))).toEqual(["notification.destination.create", "notification.destination.update", "notification.destination.delete"]);
  expect(problems).toEqual([]);
});

test("syslog and email through the form: a refused value is explained in the form, the test reaches rsyslog, the SMTP password is write-only", async () => {
  const rsyslog = await startRsyslog();
  try {
    const admin = await e2e.app.user("admin");
    const { page, problems } = await newPage(e2e.browser, e2e.app.url);
    await signIn(page, admin.email, admin.password);
    await page.goto("/admin/notifications");

    await page.getByRole("button", { name: "New destination" }).click();
    let form = page.getByRole("form", { name: "New destination" });
    await form.getByLabel("Name").fill("SIEM");
    await form.getByLabel("Kind").selectOption("syslog");
    await form.getByLabel("SIEM host").fill("bad host!");
    await form.getByLabel("Port").fill(String(rsyslog.port));
    await form.getByRole("button", { name: "Create destination" }).click();
    await form.getByRole("alert").getByText(/host name or IP address/).waitFor();
    expect(await db().notificationDestination.count()).toBe(0);
    await form.getByLabel("SIEM host").fill("127.0.0.1");
    await form.getByRole("button", { name: "Create destination" }).click();
    const table = page.getByRole("table", { name: "Notification destinations" });
    await table.getByText(`127.0.0.1:${rsyslog.port}`).waitFor();
    await table.getByRole("button", { name: "Send a test to SIEM" }).click();
    await page.getByRole("status", { name: "Test result" }).getByText("1 message written to 127.0.0.1").waitFor();
    const [line] = await rsyslog.waitForLines(1);
    expect(line).toContain("CEF:0|Lateral|Lateral|");

    await page.getByRole("button", { name: "New destination" }).click();
    form = page.getByRole("form", { name: "New destination" });
    await form.getByLabel("Name").fill("SOC mail");
    await form.getByLabel("Kind").selectOption("email");
    await form.getByLabel("SMTP host").fill("smtp.example.test");
    await form.getByLabel("Port").fill("587");
    await form.getByLabel("From").fill("lateral@example.test");
    await form.getByLabel("To").fill("soc@example.test, oncall@example.test");
    await form.getByLabel("User name (optional)").fill("mailer");
    await form.getByLabel("Password").fill("mail-secret-pw");
    await form.getByRole("button", { name: "Create destination" }).click();
    await table.getByText("soc@example.test, oncall@example.test via smtp.example.test:587").waitFor();
    await table.getByRole("button", { name: "Edit SOC mail" }).click();
    const edit = page.getByRole("form", { name: "Edit destination" });
    expect(await edit.getByLabel("Password").inputValue()).toBe("");
    await edit.getByText("Set; leave empty to keep it.").waitFor();
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.waitFor({ state: "detached" });
    expect(await page.content()).not.toContain("mail-secret-pw");
    const row = await db().notificationDestination.findFirstOrThrow({ where: { name: "SOC mail" } });
    expect(row.config).toMatchObject({ hasPassword: true, username: "mailer" });
    expect(row.secrets).not.toContain("mail-secret-pw");
    expect(problems).toEqual([]);
    await db().notificationDestination.deleteMany();
  } finally {
    await rsyslog.stop();
  }
});

test("other roles see that the page is for admins", async () => {
  const analyst = await e2e.app.user("analyst");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/admin/notifications");
  await page.getByText(/admins only/i).first().waitFor();
  expect(await page.getByRole("table", { name: "Notification destinations" }).count()).toBe(0);
});
