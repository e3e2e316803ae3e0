import { env } from "../../env";
import type { AlertNotice, IncidentNotice, Message, NoticeItem } from "../types";
import { htmlText, slackCode, slackText, stripControl, subjectText, teamsText } from "./escape";

/**
 * What each kind of destination receives for a message (pure functions of the message). Every
 * string from events goes through the target format's escaping (./escape.ts).
 */
export function baseUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}

export function itemLink(item: NoticeItem): string {
  return item.type === "alert"
    ? `${baseUrl()}/alerts/${encodeURIComponent(item.alert.id)}`
    : `${baseUrl()}/incidents/${encodeURIComponent(item.incident.id)}`;
}

/** The readable facts of one alert: rule, host, source address with its host, user, child command line. */
export interface AlertFacts {
  title: string;
  severity: string;
  rule: string;
  host: string;
  source: string;
  user: string;
  commandLine: string;
  reason: string;
  link: string;
}

export function alertFacts(a: AlertNotice, link: string): AlertFacts {
  const host = a.host.name ?? a.host.id;
  const sourceHost = a.sourceHost?.name ?? a.sourceHost?.id;
  const source = a.sourceIp ? (sourceHost ? `${a.sourceIp} (${sourceHost})` : a.sourceIp) : "unknown";
  return {
    title: `${a.ruleName} on ${host}`,
    severity: a.severity,
    rule: a.ruleName,
    host,
    source,
    user: a.user ?? "unknown",
    commandLine: a.process.commandLine ?? a.process.name ?? "unknown",
    reason: a.reason,
    link,
  };
}

function incidentTitle(i: IncidentNotice): string {
  return i.title ? String(i.title) : `Incident ${i.id}`;
}

function itemTitle(item: NoticeItem): string {
  if (item.type === "alert") return alertFacts(item.alert, "").title;
  const verb = item.type === "incident" ? "New incident" : `Incident ${item.change.type.replace(/_/g, " ")}`;
  return `${verb}: ${incidentTitle(item.incident)}`;
}

function itemSeverity(item: NoticeItem): string {
  return item.type === "alert" ? item.alert.severity : item.incident.severity;
}

/** The generic webhook's JSON: the alert or incident as the API gives it, under a stable id. */
export function webhookBody(m: Message): Record<string, unknown> {
  const one = (item: NoticeItem) =>
    item.type === "alert"
      ? { type: "alert", alert: item.alert, link: itemLink(item) }
      : { type: item.type, incident: item.incident, change: item.change, link: itemLink(item) };
  if (m.kind === "digest") return { id: m.id, type: "digest", sentAt: m.sentAt, digestMinutes: m.digestMinutes ?? null, count: m.items.length, items: m.items.map(one) };
  return { id: m.id, ...(m.kind === "test" ? { test: true } : {}), sentAt: m.sentAt, ...one(m.items[0]) };
}

const heading = (m: Message) =>
  m.kind === "digest"
    ? `Lateral digest: ${m.items.length} notification${m.items.length === 1 ? "" : "s"} in the last ${m.digestMinutes} min`
    : m.kind === "test"
      ? "Lateral test message (a sample alert)"
      : null;

/** Slack incoming webhook: mrkdwn text with Block Kit sections. */
export function slackBody(m: Message): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const head = heading(m);
  if (head) {
    blocks.push({ type: "header", text: { type: "plain_text", text: subjectText(head, 150) } });
    lines.push(head);
  }
  for (const item of m.items.slice(0, 20)) {
    const link = itemLink(item);
    if (item.type === "alert") {
      const f = alertFacts(item.alert, link);
      const text =
        `*<${link}|${slackText(f.title, { oneLine: true })}>* (${slackText(f.severity)})\n` +
        `*Rule:* ${slackText(f.rule, { oneLine: true })}\n*Host:* ${slackText(f.host, { oneLine: true })}\n` +
        `*Source:* ${slackText(f.source, { oneLine: true })}\n*User:* ${slackText(f.user, { oneLine: true })}\n` +
        `*Command line:*\n\`\`\`${slackCode(f.commandLine)}\`\`\``;
      blocks.push({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } });
      lines.push(`${f.title} (${f.severity}) ${link}`);
    } else {
      const t = itemTitle(item);
      const summary = item.change.summary ? `\n${slackText(item.change.summary)}` : "";
      blocks.push({ type: "section", text: { type: "mrkdwn", text: `*<${link}|${slackText(t, { oneLine: true })}>* (${slackText(itemSeverity(item))})${summary}`.slice(0, 2900) } });
      lines.push(`${t} ${link}`);
    }
  }
  if (m.items.length > 20) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${m.items.length - 20} more` }] });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Lateral message ${m.id}` }] });
  return { text: slackText(lines.join("\n"), {}).slice(0, 3000), blocks };
}

/** Microsoft Teams incoming webhook (and Workflows): one Adaptive Card. */
export function teamsBody(m: Message): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  const head = heading(m);
  if (head) body.push({ type: "TextBlock", text: teamsText(head), weight: "Bolder", size: "Large", wrap: true });
  for (const item of m.items.slice(0, 20)) {
    const link = itemLink(item);
    body.push({ type: "TextBlock", text: `[${teamsText(itemTitle(item), { oneLine: true })}](${link})`, weight: "Bolder", size: "Medium", wrap: true });
    if (item.type === "alert") {
      const f = alertFacts(item.alert, link);
      body.push({
        type: "FactSet",
        facts: [
          { title: "Severity", value: teamsText(f.severity) },
          { title: "Rule", value: teamsText(f.rule, { oneLine: true }) },
          { title: "Host", value: teamsText(f.host, { oneLine: true }) },
          { title: "Source", value: teamsText(f.source, { oneLine: true }) },
          { title: "User", value: teamsText(f.user, { oneLine: true }) },
        ],
      });
      body.push({ type: "TextBlock", text: teamsText(f.commandLine), fontType: "Monospace", wrap: true });
    } else {
      body.push({ type: "FactSet", facts: [{ title: "Severity", value: teamsText(itemSeverity(item)) }] });
      if (item.change.summary) body.push({ type: "TextBlock", text: teamsText(item.change.summary), wrap: true });
    }
  }
  if (m.items.length > 20) body.push({ type: "TextBlock", text: `…and ${m.items.length - 20} more`, wrap: true });
  body.push({ type: "TextBlock", text: `Lateral message ${m.id}`, isSubtle: true, size: "Small", wrap: true });
  const card = { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, msteams: { width: "Full" } };
  return { type: "message", summary: subjectText(head ?? itemTitle(m.items[0])), attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** Email: subject, plain text and HTML. */
export function emailContent(m: Message): { subject: string; text: string; html: string } {
  const head = heading(m);
  const first = m.items[0];
  const subject = subjectText(`[Lateral] ${head ?? `${itemSeverity(first)}: ${itemTitle(first)}`}`);
  const text: string[] = head ? [head, ""] : [];
  const html: string[] = head ? [`<h2>${htmlText(head)}</h2>`] : [];
  for (const item of m.items) {
    const link = itemLink(item);
    if (item.type === "alert") {
      const f = alertFacts(item.alert, link);
      const rows: [string, string][] = [["Severity", f.severity], ["Rule", f.rule], ["Host", f.host], ["Source", f.source], ["User", f.user], ["Command line", f.commandLine], ["Reason", f.reason]];
      text.push(stripControl(f.title, { oneLine: true }), ...rows.map(([k, v]) => `${k}: ${stripControl(v)}`), `Open: ${link}`, "");
      html.push(
        `<h3><a href="${htmlText(link)}">${htmlText(f.title)}</a></h3><table>` +
          rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${k === "Command line" ? `<code>${htmlText(v)}</code>` : htmlText(v)}</td></tr>`).join("") +
          `</table>`,
      );
    } else {
      const t = itemTitle(item);
      text.push(stripControl(t, { oneLine: true }), `Severity: ${stripControl(itemSeverity(item))}`, ...(item.change.summary ? [stripControl(item.change.summary)] : []), `Open: ${link}`, "");
      html.push(`<h3><a href="${htmlText(link)}">${htmlText(t)}</a></h3><p>Severity: ${htmlText(itemSeverity(item))}</p>${item.change.summary ? `<p>${htmlText(item.change.summary)}</p>` : ""}`);
    }
  }
  text.push(`Lateral message ${m.id}`);
  html.push(`<p style="color:#64748b">Lateral message ${htmlText(m.id)}</p>`);
  return { subject, text: text.join("\n"), html: `<!doctype html><html><body>${html.join("\n")}</body></html>` };
}
