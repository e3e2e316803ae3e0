/**
 * normalizeEvent: any incoming document (ECS, flat or nested; raw Sysmon/Windows JSON; Windows
 * event XML) → the nested ECS document the event store keeps, its typed column values, and the
 * enrichments made on the way. The rules are documented in lib/ecs/README.md.
 */
import { enrichDataset, enrichEventId, enrichHostId, enrichWinrmProtocol } from "./enrich";
import { extractColumns } from "./extract-columns";
import { applyFieldTypes } from "./field-types";
import { depthExceeds, expandDottedKeys, getPath, inspectDocument, MAX_DEPTH, own, replaceUnstorableCharacters, setPath } from "./paths";
import { isRawWindowsEvent } from "./raw-record";
import { rawWindowsToEcs } from "./raw-windows";
import {
  type EcsDoc,
  type Enrichment,
  isPlainObject,
  type NormalizeContext,
  type NormalizedEvent,
  type NormalizeResult,
  RejectError,
} from "./types";
import { isoTimestamp } from "./values";
import { parseWindowsEventXml } from "./windows-xml";

/** The namespace where the product records what it changed; reserved: incoming values are replaced. */
export const LATERAL_NAMESPACE = "lateral";

export function normalizeEvent(input: unknown, ctx: NormalizeContext = {}): NormalizeResult {
  try {
    return { ok: true, event: normalize(input, ctx) };
  } catch (e) {
    if (e instanceof RejectError) return { ok: false, reason: e.message };
    throw e;
  }
}

function fromXml(xml: string): unknown {
  let events: Record<string, unknown>[];
  try {
    events = parseWindowsEventXml(xml);
  } catch (e) {
    throw new RejectError(`XML is not well-formed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (events.length !== 1) throw new RejectError(`XML input must hold exactly one <Event>, found ${events.length}`);
  return events[0];
}

function describeTimestamp(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? JSON.stringify(v) : `of type ${Array.isArray(v) ? "array" : typeof v}`;
}

function normalize(input: unknown, ctx: NormalizeContext): NormalizedEvent {
  const source = typeof input === "string" && isRawWindowsEvent(input) ? fromXml(input) : input;
  if (!isPlainObject(source)) throw new RejectError("document must be a JSON object");
  const shape = inspectDocument(source);
  if (shape.tooDeep) throw new RejectError(`document nested deeper than ${MAX_DEPTH} levels`);

  // Each step copies only when it has something to change; an input the caller still owns is
  // copied once so that it is never changed.
  const enrichments: Enrichment[] = [];
  let doc = source as EcsDoc;
  if (shape.unstorable) doc = replaceUnstorableCharacters(doc, enrichments) as EcsDoc;
  if (shape.dotted) {
    doc = expandDottedKeys(doc);
    if (depthExceeds(doc)) throw new RejectError(`document nested deeper than ${MAX_DEPTH} levels`);
  }
  if (doc === source && !ctx.inputIsOwned) doc = structuredClone(doc);
  delete doc[LATERAL_NAMESPACE];

  if (isRawWindowsEvent(doc)) {
    const mapped = rawWindowsToEcs(doc);
    doc = mapped.doc;
    enrichments.push(...mapped.enrichments);
  }

  const ts = own(doc, "@timestamp");
  if (ts === undefined || ts === null || ts === "") throw new RejectError("@timestamp is missing");
  const iso = isoTimestamp(ts);
  if (!iso) throw new RejectError(`@timestamp ${describeTimestamp(ts)} is not ISO 8601 or epoch milliseconds`);
  doc["@timestamp"] = iso;

  applyFieldTypes(doc);
  enrichDataset(doc, enrichments, ctx);
  enrichWinrmProtocol(doc, enrichments);
  enrichEventId(doc, enrichments, ctx);
  const undetectableReason = enrichHostId(doc, enrichments);
  if (getPath(doc, "event.ingested") === undefined) setPath(doc, "event.ingested", (ctx.now ?? new Date()).toISOString());
  if (enrichments.length) doc[LATERAL_NAMESPACE] = { enrichments };

  return {
    doc,
    columns: extractColumns(doc),
    enrichments,
    detectable: undetectableReason === undefined,
    ...(undetectableReason ? { undetectableReason } : {}),
  };
}
