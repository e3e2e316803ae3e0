"use client";

import { useState } from "react";
import { apiSend } from "@/components/api/client";
import { SecretBox } from "@/components/admin/secret-box";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions, DoneAction, FormError } from "@/components/ui/form-error";
import type { DestinationJson } from "@/lib/notify/serialize-destination";
import { DESTINATION_KINDS, SEVERITIES, type DestinationKind } from "@/lib/notify/types";
import type { RuleOption } from "./notifications-view";

const KIND_HELP: Record<DestinationKind, string> = {
  webhook: "JSON of the alert or incident as the API gives it, signed with HMAC-SHA256 (X-Lateral-Signature).",
  slack: "A Slack incoming webhook: a readable message with a link to the alert.",
  teams: "A Microsoft Teams incoming webhook or Workflows URL: an Adaptive Card.",
  syslog: "RFC 5424 over TCP (optionally TLS) with CEF, one event per alert, for a SIEM.",
  email: "Mail over SMTP, plain text and HTML.",
};

type Form = Record<string, string | boolean>;

function initialForm(d: DestinationJson | null): Form {
  const s = (d?.settings ?? {}) as Record<string, unknown>;
  return {
    kind: d?.kind ?? "webhook",
    name: d?.name ?? "",
    enabled: d?.enabled ?? true,
    minSeverity: d?.minSeverity ?? "low",
    onAlerts: d?.onAlerts ?? true,
    onIncidents: d?.onIncidents ?? false,
    onIncidentChanges: d?.onIncidentChanges ?? false,
    digestMinutes: d?.digestMinutes ? String(d.digestMinutes) : "",
    url: d?.kind === "webhook" ? String(s.url ?? "") : "",
    headers: "",
    host: String(s.host ?? ""),
    port: s.port ? String(s.port) : "",
    tls: Boolean(s.tls),
    ca: String(s.ca ?? ""),
    rejectUnauthorized: s.rejectUnauthorized === undefined ? true : Boolean(s.rejectUnauthorized),
    facility: s.facility === undefined ? "16" : String(s.facility),
    hostname: String(s.hostname ?? ""),
    security: String(s.security ?? "starttls"),
    from: String(s.from ?? ""),
    to: Array.isArray(s.to) ? (s.to as string[]).join(", ") : "",
    username: String(s.username ?? ""),
    password: "",
  };
}

/** "Name: value" lines → a header object; null when a line has no colon. */
function parseHeaders(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const i = line.indexOf(":");
    if (i <= 0) return null;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

function settingsOf(f: Form, editing: boolean): Record<string, unknown> | string {
  switch (f.kind as DestinationKind) {
    case "webhook": {
      const headers = parseHeaders(String(f.headers));
      if (headers === null) return "Custom headers: one per line, as Name: value";
      return { url: f.url, ...(String(f.headers).trim() || !editing ? { headers } : {}) };
    }
    case "slack":
    case "teams":
      return f.url ? { url: f.url } : editing ? {} : { url: "" };
    case "syslog":
      return { host: f.host, port: f.port, tls: f.tls, ca: String(f.ca).trim() || null, rejectUnauthorized: f.rejectUnauthorized, facility: f.facility, hostname: String(f.hostname).trim() || null };
    case "email":
      return {
        host: f.host,
        port: f.port,
        security: f.security,
        rejectUnauthorized: f.rejectUnauthorized,
        from: f.from,
        to: String(f.to).split(/[,\s]+/).filter(Boolean),
        username: String(f.username).trim() || null,
        ...(f.password ? { password: f.password } : {}),
      };
  }
}

/** Create or edit a destination: kind (fixed once created), where it sends, and what it receives. */
export function DestinationDialog({
  destination,
  rules,
  onClose,
  onSaved,
}: {
  destination: DestinationJson | null;
  rules: RuleOption[];
  onClose: () => void;
  onSaved: (d: DestinationJson) => void;
}) {
  const [f, setF] = useState<Form>(() => initialForm(destination));
  const [ruleIds, setRuleIds] = useState<string[]>(destination?.ruleIds ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const editing = destination !== null;
  const kind = f.kind as DestinationKind;
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setF((x) => ({ ...x, [k]: e.target.type === "checkbox" ? (e.target as HTMLInputElement).checked : e.target.value }));

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const settings = settingsOf(f, editing);
    if (typeof settings === "string") return setError(settings);
    const body = {
      name: f.name,
      enabled: f.enabled,
      ruleIds,
      minSeverity: f.minSeverity,
      onAlerts: f.onAlerts,
      onIncidents: f.onIncidents,
      onIncidentChanges: f.onIncidentChanges,
      digestMinutes: String(f.digestMinutes).trim() ? Number(f.digestMinutes) : null,
      settings,
    };
    setBusy(true);
    setError(null);
    const res = editing
      ? await apiSend<{ destination: DestinationJson }>(`/api/v1/notifications/${destination.id}`, "PATCH", body)
      : await apiSend<{ destination: DestinationJson; signingSecret?: string }>("/api/v1/notifications", "POST", { kind, ...body });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    onSaved(res.data.destination);
    const s = (res.data as { signingSecret?: string }).signingSecret;
    if (s) setSecret(s);
    else onClose();
  }

  if (secret) {
    return (
      <Dialog open wide title="Webhook created" onClose={onClose}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          Every request carries <code className="font-mono text-xs">X-Lateral-Signature: sha256=&lt;HMAC-SHA256 of the body&gt;</code> made with this secret:
        </p>
        <SecretBox label="Signing secret" value={secret} warning="This secret is shown once: copy it into the receiver now. It is stored encrypted and never shown again." />
        <DoneAction onDone={onClose} />
      </Dialog>
    );
  }

  const field = (id: string, label: string, input: React.ReactNode, help?: string) => (
    <div>
      <label htmlFor={`dest-${id}`} className="mb-1 block text-xs font-medium text-slate-500 dark:text-slate-400">
        {label}
      </label>
      {input}
      {help && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{help}</p>}
    </div>
  );
  const text = (id: string, label: string, opts: { type?: string; placeholder?: string; required?: boolean; help?: string } = {}) =>
    field(
      id,
      label,
      <input id={`dest-${id}`} type={opts.type ?? "text"} value={String(f[id])} onChange={set(id)} required={opts.required} placeholder={opts.placeholder} autoComplete="off" className="input" />,
      opts.help,
    );
  const check = (id: string, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={Boolean(f[id])} onChange={set(id)} />
      {label}
    </label>
  );

  return (
    <Dialog open wide title={editing ? `Edit ${destination.name}` : "New destination"} onClose={onClose}>
      <form onSubmit={submit} aria-label={editing ? "Edit destination" : "New destination"} className="space-y-3 text-sm">
        {text("name", "Name", { required: true, placeholder: "e.g. SOC channel" })}
        {editing ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">Kind: {kind}</p>
        ) : (
          field(
            "kind",
            "Kind",
            <select id="dest-kind" value={kind} onChange={set("kind")} className="input">
              {DESTINATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>,
            KIND_HELP[kind],
          )
        )}

        {kind === "webhook" && (
          <>
            {text("url", "URL", { type: "url", required: true, placeholder: "https://soar.example/hooks/lateral" })}
            {field(
              "headers",
              "Custom headers",
              <textarea id="dest-headers" value={String(f.headers)} onChange={set("headers")} rows={2} className="input font-mono text-xs" placeholder="Authorization: Bearer …" />,
              editing
                ? `One per line, Name: value; stored encrypted.${(destination.settings.headerNames as string[])?.length ? ` Now: ${(destination.settings.headerNames as string[]).join(", ")} (leave empty to keep them).` : ""}`
                : "One per line, Name: value; stored encrypted.",
            )}
          </>
        )}
        {(kind === "slack" || kind === "teams") &&
          text("url", "Webhook URL", {
            type: "url",
            required: !editing,
            placeholder: kind === "slack" ? "https://hooks.slack.com/services/…" : "https://….webhook.office.com/…",
            help: editing ? "Stored encrypted and never shown; leave empty to keep the current one." : "Stored encrypted and never shown again.",
          })}
        {(kind === "syslog" || kind === "email") && (
          <div className="grid grid-cols-3 gap-2">
            <div className="col-span-2">{text("host", kind === "syslog" ? "SIEM host" : "SMTP host", { required: true, placeholder: kind === "syslog" ? "siem.example" : "smtp.example" })}</div>
            {text("port", "Port", { type: "number", required: true, placeholder: kind === "syslog" ? "6514" : "587" })}
          </div>
        )}
        {kind === "syslog" && (
          <>
            {check("tls", "TLS (RFC 5425)")}
            {f.tls && (
              <>
                {field("ca", "CA certificates (PEM)", <textarea id="dest-ca" value={String(f.ca)} onChange={set("ca")} rows={3} className="input font-mono text-xs" placeholder="-----BEGIN CERTIFICATE-----" />, "Empty: the system's CAs.")}
                {check("rejectUnauthorized", "Verify the server's certificate")}
              </>
            )}
            <div className="grid grid-cols-2 gap-2">
              {text("facility", "Facility (0–23)", { type: "number", help: "16 = local0" })}
              {text("hostname", "HOSTNAME field", { placeholder: "this machine's name" })}
            </div>
          </>
        )}
        {kind === "email" && (
          <>
            {field(
              "security",
              "Connection security",
              <select id="dest-security" value={String(f.security)} onChange={set("security")} className="input">
                <option value="starttls">STARTTLS (required)</option>
                <option value="tls">TLS from the start (port 465)</option>
                <option value="none">None</option>
              </select>,
            )}
            {f.security !== "none" && check("rejectUnauthorized", "Verify the server's certificate")}
            {text("from", "From", { type: "email", required: true, placeholder: "lateral@example.com" })}
            {text("to", "To", { required: true, placeholder: "soc@example.com, oncall@example.com" })}
            <div className="grid grid-cols-2 gap-2">
              {text("username", "User name (optional)")}
              {text("password", "Password", { type: "password", help: editing && destination.settings.hasPassword ? "Set; leave empty to keep it." : "Stored encrypted." })}
            </div>
          </>
        )}

        <fieldset className="space-y-1.5 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-xs font-medium text-slate-500 dark:text-slate-400">Receives</legend>
          {check("onAlerts", "New alerts")}
          {check("onIncidents", "New incidents")}
          {check("onIncidentChanges", "Incident changes")}
          <div className="grid grid-cols-2 gap-2 pt-1">
            {field(
              "minSeverity",
              "Minimum severity",
              <select id="dest-minSeverity" value={String(f.minSeverity)} onChange={set("minSeverity")} className="input">
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>,
            )}
            {text("digestMinutes", "Digest every (minutes)", { type: "number", placeholder: "off", help: "At most one message per period, listing what arrived." })}
          </div>
          <div className="pt-1">
            <p className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">Rules (none ticked: every rule)</p>
            {rules.map((r) => (
              <label key={r.ruleId} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={ruleIds.includes(r.ruleId)}
                  onChange={(e) => setRuleIds((ids) => (e.target.checked ? [...ids, r.ruleId] : ids.filter((x) => x !== r.ruleId)))}
                />
                {r.name}
              </label>
            ))}
          </div>
        </fieldset>
        {check("enabled", "Enabled")}
        <FormError error={error} />
        <DialogActions onCancel={onClose} busy={busy} submitLabel={editing ? "Save" : "Create destination"} busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
