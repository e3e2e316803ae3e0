import { beforeAll, describe, expect, test } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { cefHeader, cefValue, htmlText, sdValue, slackCode, slackText, stripControl, syslogHeaderField, teamsText } from "@/lib/notify/format/escape";
import { cefEvent, syslogLines } from "@/lib/notify/format/cef";
import { emailContent, slackBody, teamsBody, webhookBody } from "@/lib/notify/format/messages";
import { routeMatches, severityRank } from "@/lib/notify/routing";
import { decryptSecrets, encryptSecrets } from "@/lib/notify/secrets";
import { signBody } from "@/lib/notify/senders";
import { sampleAlert } from "@/lib/notify/test-destination";
import type { AlertNotice, Message } from "@/lib/notify/types";

/** The message formats, case by case: escaping of attacker strings per target, CEF, RFC 5424, routing, secrets. */
beforeAll(() => {
  process.env.PUBLIC_URL = "https://lateral.example.test/";
  resetEnvCache();
});

const EVIL = "a|b=c\\d\u001b[2J\u0007\r\nnext\u202Eline\u2028x";
function alert(over: Partial<AlertNotice> = {}): AlertNotice {
  const a = sampleAlert(new Date("2026-12-01T10:00:00Z"));
  return { ...a, id: "f".repeat(32), ...over };
}
const msg = (a: AlertNotice, kind: Message["kind"] = "single"): Message => ({ id: "11111111-1111-4111-8111-111111111111", kind, sentAt: "2026-12-01T10:00:01.000Z", items: [{ type: "alert", alert: a }] });

describe("escaping", () => {
  test("control characters, bidi overrides and line separators never pass; CR LF becomes one line break", () => {
    expect(stripControl(EVIL)).toBe("a|b=c\\d[2J\nnextlinex");
    expect(stripControl(EVIL, { oneLine: true })).toBe("a|b=c\\d[2J nextlinex");
  });
  test("CEF: header escapes | and \\; extension escapes = and \\ and writes line breaks as \\n", () => {
    expect(cefHeader(EVIL)).toBe("a\\|b=c\\\\d[2J nextlinex");
    expect(cefValue(EVIL)).toBe("a|b\\=c\\\\d[2J\\nnextlinex");
    expect(cefValue("=\\=")).toBe("\\=\\\\\\=");
  });
  test("RFC 5424: SD values escape \" \\ ]; header fields are printable ASCII without spaces", () => {
    expect(sdValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    expect(syslogHeaderField("my host\u00e9", 255)).toBe("myhost");
    expect(syslogHeaderField("", 10)).toBe("-");
    expect(syslogHeaderField("x".repeat(300), 255)).toHaveLength(255);
  });
  test("Slack: & < > escaped, so no link, mention or channel ping can be forged; code spans cannot be closed", () => {
    expect(slackText("<!channel> <http://evil|click> & co")).toBe("&lt;!channel&gt; &lt;http://evil|click&gt; &amp; co");
    expect(slackCode("a```b`c")).toBe("aˋˋˋbˋc");
  });
  test("Teams: markdown characters escaped, so no link or emphasis can be forged", () => {
    expect(teamsText("[click](http://evil) *b* _i_ # h")).toBe("\\[click\\]\\(http://evil\\) \\*b\\* \\_i\\_ \\# h");
  });
  test("HTML: the five special characters", () => {
    expect(htmlText(`<img src=x onerror="a('b')">&`)).toBe("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
  });
});

describe("formats", () => {
  const hostile = alert({ process: { name: "evil.exe", executable: null, parentName: null, commandLine: `cmd <script>x</script> ${EVIL}` }, user: "<@U123>" });

  test("webhook: the alert as given, under the message id, with a link from PUBLIC_URL (trailing slash dropped)", () => {
    const a = alert();
    expect(webhookBody(msg(a))).toEqual({ id: "11111111-1111-4111-8111-111111111111", sentAt: "2026-12-01T10:00:01.000Z", type: "alert", alert: a, link: `https://lateral.example.test/alerts/${a.id}` });
    expect(webhookBody(msg(a, "test"))).toMatchObject({ test: true });
    const digest = webhookBody({ ...msg(a, "digest"), digestMinutes: 10, items: [{ type: "alert", alert: a }, { type: "alert", alert: a }] });
    expect(digest).toMatchObject({ type: "digest", count: 2, digestMinutes: 10 });
  });
  test("the signature is HMAC-SHA256 of the exact body, hex, prefixed sha256=", () => {
    expect(signBody("key", "The quick brown fox jumps over the lazy dog")).toBe("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });
  test("Slack: rule, host, source with its host, user, command line and link; hostile strings inert", () => {
    const b = JSON.stringify(slackBody(msg(hostile)));
    expect(b).toContain("*Rule:* Incoming Execution via PowerShell Remoting (test)");
    expect(b).toContain("*Host:* TEST-HOST");
    expect(b).toContain("*Source:* 192.0.2.10 (TEST-SOURCE)");
    expect(b).toContain("*User:* &lt;@U123&gt;");
    expect(b).toContain("cmd &lt;script&gt;x&lt;/script&gt;");
    expect(b).not.toContain("<script>");
    expect(b).not.toContain("<@U123>");
    expect(b).not.toMatch(/\\u001b|\\u0007/);
    expect(b).toContain(`<https://lateral.example.test/alerts/${"f".repeat(32)}|`);
  });
  test("Teams: an Adaptive Card with the same facts, markdown inert", () => {
    const b = teamsBody(msg(alert({ user: "[x](http://evil)" })));
    const card = JSON.stringify(b);
    expect(card).toContain('"title":"User","value":"\\\\[x\\\\]\\\\(http://evil\\\\)"');
    expect(card).toContain(`(https://lateral.example.test/alerts/${"f".repeat(32)})`);
    expect(card).toContain('"title":"Source","value":"192\\\\.0\\\\.2\\\\.10 \\\\(TEST\\\\-SOURCE\\\\)"');
  });
  test("email: subject on one line, plain text and HTML with the facts, HTML inert", () => {
    const m = emailContent(msg(hostile));
    expect(m.subject).toBe("[Lateral] medium: Incoming Execution via PowerShell Remoting (test) on TEST-HOST");
    expect(m.text).toContain("Source: 192.0.2.10 (TEST-SOURCE)");
    expect(m.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;");
  });
  test("syslog: <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] CEF; severity picks PRI; one line per item with its own id", () => {
    const [line] = syslogLines(msg(alert()), { facility: 16, hostname: "lat 01" });
    expect(line).toMatch(/^<132>1 2026-12-01T10:00:01.000Z lat01 lateral \d+ alert \[lateral@32473 id="11111111-1111-4111-8111-111111111111"\] CEF:0\|Lateral\|Lateral\|/);
    const lines = syslogLines({ ...msg(alert({ severity: "critical" }), "digest"), items: [{ type: "alert", alert: alert({ severity: "critical" }) }, { type: "alert", alert: alert() }] }, { facility: 4 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^<34>1 /);
    expect(lines[1]).toMatch(/^<36>1 .*id="11111111-1111-4111-8111-111111111111:1"/);
  });
  test("CEF: one event with the alert's fields; incidents too", () => {
    const e = cefEvent({ type: "alert", alert: hostile }, "m1");
    expect(e).toMatch(/^CEF:0\|Lateral\|Lateral\|[\d.]+\|2772264c-6fb9-4d9d-9014-b416eed21254\|Incoming Execution via PowerShell Remoting \(test\)\|5\|rt=\d+ externalId=m1 cat=alert src=192.0.2.10 spt=49152 shost=TEST-SOURCE dhost=TEST-HOST duser=<@U123> dproc=evil.exe /);
    expect(e).toContain("cs2Label=commandLine cs2=cmd <script>x</script> a|b\\=c\\\\d[2J\\nnextlinex");
    expect(e).not.toMatch(/[\u0000-\u001f]/);
    const i = cefEvent({ type: "incident_change", incident: { id: "inc|1", severity: "high", title: "chain" }, change: { type: "merged", summary: "a=b" } }, "m2");
    expect(i).toMatch(/^CEF:0\|Lateral\|Lateral\|[\d.]+\|incident_change\|Incident merged: chain\|8\|/);
    expect(i).toContain("cs1=inc|1 cs2Label=change cs2=merged msg=a\\=b request=https://lateral.example.test/incidents/inc%7C1");
  });
});

describe("routing", () => {
  test("severity order low < medium < high < critical; unknown counts as low", () => {
    expect(["low", "medium", "high", "critical", "bogus"].map(severityRank)).toEqual([0, 1, 2, 3, 0]);
  });
  test("rules: none = every rule; otherwise one of the subject's rules must be listed", () => {
    expect(routeMatches({ rule_ids: [], min_severity: "low" }, { ruleIds: ["r1"], severity: "low" })).toBe(true);
    expect(routeMatches({ rule_ids: ["r2"], min_severity: "low" }, { ruleIds: ["r1"], severity: "low" })).toBe(false);
    expect(routeMatches({ rule_ids: ["r2"], min_severity: "low" }, { ruleIds: ["r1", "r2"], severity: "low" })).toBe(true);
    expect(routeMatches({ rule_ids: ["r2"], min_severity: "low" }, { ruleIds: [], severity: "low" })).toBe(false);
    expect(routeMatches({ rule_ids: [], min_severity: "high" }, { ruleIds: [], severity: "medium" })).toBe(false);
    expect(routeMatches({ rule_ids: [], min_severity: "high" }, { ruleIds: [], severity: "critical" })).toBe(true);
  });
});

describe("secrets at rest", () => {
  const key = Buffer.alloc(32, 1);
  test("AES-256-GCM round trip; random IV; bound to the destination id; a wrong key or a changed byte fails", () => {
    const a = encryptSecrets("d1", { url: "https://hooks.slack.com/x" }, key);
    const b = encryptSecrets("d1", { url: "https://hooks.slack.com/x" }, key);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("hooks.slack");
    expect(decryptSecrets("d1", a, key)).toEqual({ url: "https://hooks.slack.com/x" });
    expect(() => decryptSecrets("d2", a, key)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecrets("d1", a, Buffer.alloc(32, 2))).toThrow(/cannot be decrypted/);
    const raw = Buffer.from(a.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecrets("d1", `v1:${raw.toString("base64")}`, key)).toThrow(/cannot be decrypted/);
    expect(decryptSecrets("d1", null, key)).toEqual({});
  });
  test("without NOTIFY_SECRET_KEY, storing a secret is refused with what to do", async () => {
    const { secretKey } = await import("@/lib/notify/secrets");
    delete process.env.NOTIFY_SECRET_KEY;
    resetEnvCache();
    expect(() => secretKey()).toThrow(/NOTIFY_SECRET_KEY is not set.*openssl rand -hex 32/);
    process.env.NOTIFY_SECRET_KEY = "not a key";
    resetEnvCache();
    expect(() => secretKey()).toThrow(/NOTIFY_SECRET_KEY must be 32 bytes/);
    process.env.NOTIFY_SECRET_KEY = "ab".repeat(32);
    resetEnvCache();
    expect(secretKey()).toEqual(Buffer.alloc(32, 0xab));
  });
});
