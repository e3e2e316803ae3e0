/**
 * Raw Windows event records (NXLog-style exports, raw Winlogbeat, XML) → ECS. Host, time, event code,
 * channel and dataset are set for every channel; Sysmon and Security events are mapped further.
 */
import { SYSMON_CHANNEL } from "./enrich";
import { getPath, setPath } from "./paths";
import { readRawRecord } from "./raw-record";
import { mapSysmon } from "./sysmon";
import { type EcsDoc, type Enrichment, RejectError } from "./types";
import { parseTimestamp } from "./values";
import { mapSecurity } from "./windows-security";

/** Channel (lower case) → the dataset Elastic's integrations give it. */
const CHANNEL_DATASETS: Record<string, string> = {
  [SYSMON_CHANNEL]: "windows.sysmon_operational",
  security: "system.security",
  system: "system.system",
  application: "system.application",
  "windows powershell": "windows.powershell",
  "microsoft-windows-powershell/operational": "windows.powershell_operational",
};

export const ECS_VERSION = "8.11.0";

interface TimeChoice {
  date: Date;
  from: "UtcTime" | "TimeCreated" | "@timestamp";
}

function chooseTime(candidates: [TimeChoice["from"], unknown][]): TimeChoice | null {
  for (const [from, v] of candidates) {
    if (v === undefined || v === null || v === "") continue;
    const date = parseTimestamp(v);
    if (date) return { date, from };
  }
  return null;
}

export interface RawMapping {
  doc: EcsDoc;
  enrichments: Enrichment[];
}

/** Maps one raw Windows record (see isRawWindowsEvent) to a nested ECS document. */
export function rawWindowsToEcs(input: Record<string, unknown>): RawMapping {
  const rec = readRawRecord(input);
  const enrichments: Enrichment[] = [];
  const doc: EcsDoc = rec.extra;
  const channel = rec.channel ?? undefined;
  const channelKey = channel?.toLowerCase() ?? "";
  const code = rec.eventId ?? undefined;

  const winlog: Record<string, unknown> = { ...rec.winlog };
  if (channel) winlog.channel = channel;
  if (rec.computer) winlog.computer_name = rec.computer;
  if (code) winlog.event_id = code;
  if (Object.keys(rec.eventData).length) winlog.event_data = rec.eventData;
  if (rec.timeCreated !== undefined) winlog.time_created = rec.timeCreated;
  doc.winlog = winlog;

  const time = chooseTime([
    ["UtcTime", channelKey === SYSMON_CHANNEL ? rec.eventData.UtcTime : undefined],
    ["TimeCreated", rec.timeCreated],
    ["@timestamp", rec.recordTimestamp],
  ]);
  if (!time) {
    throw new RejectError("@timestamp is missing: the raw Windows event has no valid UtcTime, TimeCreated or @timestamp");
  }
  doc["@timestamp"] = time.date.toISOString();
  const created = parseTimestamp(rec.recordTimestamp ?? rec.timeCreated);
  if (created) setPath(doc, "event.created", created.toISOString());
  if (time.from === "@timestamp" && rec.format === "nxlog") {
    enrichments.push({
      field: "@timestamp",
      value: doc["@timestamp"],
      reason: "the record carries no event time (UtcTime or TimeCreated): used the record's own @timestamp, which is the collector's time",
    });
  }

  setPath(doc, "ecs.version", ECS_VERSION);
  setPath(doc, "event.kind", "event");
  if (code) setPath(doc, "event.code", code);
  const provider = winlog.provider_name;
  if (typeof provider === "string") setPath(doc, "event.provider", provider);
  const dataset = CHANNEL_DATASETS[channelKey];
  if (dataset && getPath(doc, "event.dataset") === undefined) {
    setPath(doc, "event.dataset", dataset);
    setPath(doc, "data_stream.dataset", dataset);
  }

  // The endpoint that logged the event, never the shipper or collector (kept as observer).
  if (rec.computer) setPath(doc, "host.name", rec.computer);
  setPath(doc, "host.os.type", "windows");
  setPath(doc, "host.os.family", "windows");
  setPath(doc, "host.os.platform", "windows");

  const userSid = getPath(winlog, "user.identifier");
  if (typeof userSid === "string") setPath(doc, "user.id", userSid);

  if (code && channelKey === SYSMON_CHANNEL) enrichments.push(...mapSysmon(doc, code, rec.eventData));
  else if (code && channelKey === "security") mapSecurity(doc, code, rec.eventData);

  // A Windows event is identified by its computer, channel and record number: using that as
  // event.id makes re-importing the same export idempotent.
  const recordId = winlog.record_id;
  if (getPath(doc, "event.id") === undefined && rec.computer && channel && recordId !== undefined && recordId !== "") {
    const id = `${rec.computer.toLowerCase()}/${channelKey}/${String(recordId)}`;
    setPath(doc, "event.id", id);
    enrichments.push({
      field: "event.id",
      value: id,
      reason: "derived from the Windows event's computer, channel and record number, so a re-import stores it once",
    });
  }
  return { doc, enrichments };
}
