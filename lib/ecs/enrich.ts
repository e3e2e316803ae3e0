/** Enrichments: values the product adds to a document, each recorded with its reason. */
import { getPath, setPath } from "./paths";
import type { EcsDoc, Enrichment, NormalizeContext } from "./types";

export const SYSMON_CHANNEL = "microsoft-windows-sysmon/operational";

function add(doc: EcsDoc, enrichments: Enrichment[], field: string, value: unknown, reason: string): void {
  setPath(doc, field, value);
  enrichments.push({ field, value, reason });
}

/** The host-name derivation rule: host.id = host.name trimmed and lower-cased. */
export function hostIdFromName(name: string): string {
  return name.trim().toLowerCase();
}

/** Fills host.id from host.name when missing. Returns the reason the event is undetectable, if it is. */
export function enrichHostId(doc: EcsDoc, enrichments: Enrichment[]): string | undefined {
  const id = getPath(doc, "host.id");
  if (typeof id === "string" && id.trim() !== "") return undefined;
  const name = getPath(doc, "host.name");
  if (typeof name === "string" && name.trim() !== "") {
    add(doc, enrichments, "host.id", hostIdFromName(name),
      "host.id was missing: derived from host.name (lower-cased) so the event can be correlated per host");
    return undefined;
  }
  return "neither host.id nor host.name is present: the rules correlate events by host.id";
}

const INDEX_DATASETS: [RegExp, string][] = [
  [/^logs-endpoint\.events\.process-/, "endpoint.events.process"],
  [/^logs-endpoint\.events\.network-/, "endpoint.events.network"],
  [/^logs-windows\.sysmon_operational-/, "windows.sysmon_operational"],
];

/** event.dataset from data_stream.dataset, else from the index name (Elastic's rule indices). */
export function enrichDataset(doc: EcsDoc, enrichments: Enrichment[], ctx: NormalizeContext): void {
  if (getPath(doc, "event.dataset") !== undefined) return;
  const ds = getPath(doc, "data_stream.dataset");
  if (typeof ds === "string" && ds !== "") {
    add(doc, enrichments, "event.dataset", ds, "event.dataset was missing: copied from data_stream.dataset");
    return;
  }
  const index = ctx.index?.toLowerCase();
  if (!index) return;
  let dataset = INDEX_DATASETS.find(([re]) => re.test(index))?.[1];
  if (!dataset && index.startsWith("winlogbeat-")) {
    const channel = getPath(doc, "winlog.channel");
    if (typeof channel === "string" && channel.toLowerCase() === SYSMON_CHANNEL) dataset = "windows.sysmon_operational";
  }
  if (!dataset) return;
  const reason = `dataset was missing: inferred from the index name "${ctx.index}"`;
  add(doc, enrichments, "event.dataset", dataset, reason);
  add(doc, enrichments, "data_stream.dataset", dataset, reason);
}

const INBOUND = new Set(["ingress", "inbound", "incoming"]);
export const WINRM_PORTS = new Set([5985, 5986]);

/** An inbound connection to 5985/5986 without network.protocol gets "http" (WS-Management runs over HTTP/HTTPS). */
export function enrichWinrmProtocol(doc: EcsDoc, enrichments: Enrichment[]): void {
  const direction = getPath(doc, "network.direction");
  const port = getPath(doc, "destination.port");
  const protocol = getPath(doc, "network.protocol");
  if (typeof direction !== "string" || !INBOUND.has(direction.toLowerCase())) return;
  if (typeof port !== "number" || !WINRM_PORTS.has(port)) return;
  if (protocol !== undefined && protocol !== null && protocol !== "") return;
  add(doc, enrichments, "network.protocol", "http",
    "inbound connection to WinRM port " + port + ": WS-Management runs over HTTP/HTTPS, and Sysmon, Winlogbeat and Elastic Agent never set network.protocol for these ports");
}

/** The idempotency key: event.id, else the bulk action's _id (written to event.id), else none. */
export function enrichEventId(doc: EcsDoc, enrichments: Enrichment[], ctx: NormalizeContext): void {
  const id = getPath(doc, "event.id");
  if (typeof id === "string" && id !== "") return;
  if (ctx.bulkId) add(doc, enrichments, "event.id", ctx.bulkId, "event.id was missing: taken from the bulk action's _id");
}
