import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { db, pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { createDestination } from "@/lib/notify/create-destination";
import { deliverDue } from "@/lib/notify/deliver";
import { testDestination } from "@/lib/notify/test-destination";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { selfSignedCertificate, startRsyslog, startSmtpServer, type Certificate, type Rsyslog, type SmtpServer } from "@/tests/helpers/servers";

/**
 * Real receivers: Debian's rsyslogd (plain TCP and TLS, on private ports) parsing our RFC 5424
 * messages and their CEF, and an aiosmtpd SMTP server (with STARTTLS and authentication)
 * receiving the mail. The alerts carry hostile strings: they must arrive inert.
 */
const admin = systemActor("test-admin");
const rules = loadRulePack().rules;
const HOSTILE_CMD = 'powershell -c "a|b=c\\d" \u001b[31m<script>alert(1)</script>\r\nInvoke-Evil <!channel> *bold* [x](http://evil)';
let dbh: TestDatabase;
let cert: Certificate;
let plain: Rsyslog;
let secure: Rsyslog;
let smtp: SmtpServer;
let hostN = 0;

beforeAll(async () => {
  Object.assign(process.env, { NOTIFY_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"), NOTIFY_TIMEOUT_SECONDS: "5", PUBLIC_URL: "https://lateral.example.test" });
  dbh = await openMigratedDatabase("notifyrx");
  cert = selfSignedCertificate();
  [plain, secure, smtp] = await Promise.all([startRsyslog(), startRsyslog({ tls: cert }), startSmtpServer({ user: "mailer", password: "s3cret-pass", starttls: cert })]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop(), smtp?.stop()]);
  await closeMigratedDatabase(dbh);
});
beforeEach(async () => {
  await db().notificationDestination.deleteMany();
});

async function hostileAlerts(n: number) {
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const [net, child] = winrmPair({ host: `RX-${++hostN}`, sourceIp: "10.20.30.40", user: 'bad"user]' });
    (child as { process: { command_line: string } }).process.command_line = HOSTILE_CMD;
    docs.push(net, child);
  }
  await ingestDocuments(docs.map((doc) => ({ doc })));
  await runOnce(rules, { workerId: "test" }, () => false);
}

describe("syslog (rsyslogd)", () => {
  test("RFC 5424 over TCP: one event per alert, parsed by rsyslog, CEF fields escaped, control characters stripped", async () => {
    await createDestination({ name: "SIEM", kind: "syslog", settings: { host: "127.0.0.1", port: plain.port, hostname: "lateral-test" } }, { actor: admin });
    await hostileAlerts(3);
    expect(await deliverDue()).toMatchObject({ delivered: 3, failed: 0 });
    const lines = await plain.waitForLines(3);
    expect(lines).toHaveLength(3);
    const ids = (await pool().query(`SELECT id FROM notification_outbox ORDER BY id`)).rows.map((r) => r.id).sort();
    const seen: string[] = [];
    for (const line of lines) {
      const [hostname, app, procid, msgid] = line.split("|", 4);
      expect([hostname, app, procid, msgid]).toEqual(["lateral-test", "lateral", String(process.pid), "alert"]);
      const sd = /\[lateral@32473 id="([0-9a-f-]+)"\]/.exec(line);
      expect(sd).not.toBeNull();
      seen.push(sd![1]);
      const cef = line.slice(line.indexOf("CEF:0|"));
      expect(cef).toMatch(/^CEF:0\|Lateral\|Lateral\|[^|]+\|2772264c-6fb9-4d9d-9014-b416eed21254\|Incoming Execution via PowerShell Remoting\|5\|rt=\d+ /);
      expect(cef).toContain(`externalId=${sd![1]}`);
      expect(cef).toContain("src=10.20.30.40");
      expect(cef).toMatch(/dhost=RX-\d+ /);
      expect(cef).toContain('duser=bad"user]');
      // = and \ escaped, the line break as \n, the escape character gone.
      expect(cef).toContain('cs2=powershell -c "a|b\\=c\\\\d" [31m<script>alert(1)</script>\\nInvoke-Evil');
      expect(cef).not.toMatch(/[\u0000-\u001f]/);
      expect(cef).toMatch(/request=https:\/\/lateral.example.test\/alerts\/[0-9a-f]{32}$/);
    }
    expect(seen.sort()).toEqual(ids);
  });

  test("over TLS, the server's certificate checked against the configured CA; a wrong CA is an error, retried", async () => {
    const good = await createDestination(
      { name: "SIEM TLS", kind: "syslog", settings: { host: "127.0.0.1", port: secure.port, tls: true, ca: cert.pem } },
      { actor: admin },
    );
    const test = await testDestination(good.destination.id, { actor: admin });
    expect(test).toMatchObject({ ok: true, response: expect.stringContaining("over TLS") });
    const [line] = await secure.waitForLines(1);
    expect(line).toMatch(/\[lateral@32473 id="[0-9a-f-]+" test="true"\]/);
    expect(line).toContain("CEF:0|Lateral|Lateral|");

    await db().notificationDestination.deleteMany();
    await createDestination({ name: "SIEM TLS, system CAs", kind: "syslog", settings: { host: "127.0.0.1", port: secure.port, tls: true } }, { actor: admin });
    await hostileAlerts(1);
    expect(await deliverDue()).toMatchObject({ failed: 1 });
    const row = (await pool().query(`SELECT status, last_error FROM notification_outbox`)).rows[0];
    expect(row.status).toBe("pending");
    expect(row.last_error).toMatch(/self[- ]signed|certificate/i);
  });

  test("rsyslog down: the connection is refused and the message waits for the next attempt", async () => {
    const down = await startRsyslog();
    const port = down.port;
    await down.stop();
    const d = await createDestination({ name: "gone", kind: "syslog", settings: { host: "127.0.0.1", port } }, { actor: admin });
    const r = await testDestination(d.destination.id, { actor: admin });
    expect(r.ok).toBe(false);
    expect(r.response).toMatch(/ECONNREFUSED/);
  });
});

describe("email (aiosmtpd)", () => {
  test("STARTTLS and authentication: plain text and HTML, the hostile command line inert in the HTML, a stable Message-ID", async () => {
    await createDestination(
      {
        name: "SOC mail",
        kind: "email",
        settings: { host: "127.0.0.1", port: smtp.port, security: "starttls", rejectUnauthorized: false, from: "lateral@example.test", to: ["soc@example.test", "oncall@example.test"], username: "mailer", password: "s3cret-pass" },
      },
      { actor: admin },
    );
    await hostileAlerts(1);
    expect(await deliverDue()).toMatchObject({ delivered: 1 });
    const [m] = await smtp.waitForMessages(1);
    expect(m).toMatchObject({ mail_from: "lateral@example.test", rcpt_tos: ["soc@example.test", "oncall@example.test"], auth_login: "mailer", tls: true });
    const id = (await pool().query(`SELECT id FROM notification_outbox`)).rows[0].id;
    expect(m.message_id).toBe(`<${id}@lateral.notifications>`);
    expect(m.subject).toMatch(/^\[Lateral\] medium: Incoming Execution via PowerShell Remoting on RX-\d+$/);
    // SMTP lines end in CRLF; the alert's own CR LF arrives as one line break like the others.
    expect(m.text!.replace(/\r\n/g, "\n")).toContain('Command line: powershell -c "a|b=c\\d" [31m<script>alert(1)</script>\nInvoke-Evil');
    // SMTP lines end in CRLF; the alert's own CR LF arrives as one line break like the others.
    expect(m.text!.replace(/\r\n/g, "\n")).toContain('User: bad"user]');
    expect(m.text).toMatch(/Open: https:\/\/lateral\.example\.test\/alerts\/[0-9a-f]{32}/);
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("<code>powershell -c &quot;a|b=c\\d&quot; [31m&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(m.html).toMatch(/<a href="https:\/\/lateral\.example\.test\/alerts\/[0-9a-f]{32}">/);
    expect(m.data).not.toContain("\u001b");
  });

  test("a wrong password: the server's refusal is the answer of Send a test", async () => {
    const d = await createDestination(
      {
        name: "bad auth",
        kind: "email",
        settings: { host: "127.0.0.1", port: smtp.port, security: "starttls", rejectUnauthorized: false, from: "lateral@example.test", to: ["soc@example.test"], username: "mailer", password: "wrong" },
      },
      { actor: admin },
    );
    const before = smtp.messages.length;
    const r = await testDestination(d.destination.id, { actor: admin });
    expect(r).toMatchObject({ ok: false, status: 535 });
    expect(r.response).toMatch(/535/);
    expect(smtp.messages.length).toBe(before);
  });
});
