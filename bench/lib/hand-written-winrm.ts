/**
 * The two seed rules written by hand for the benchmark's generated events: the baseline the EQL
 * engine is compared with in the same run. It is what a developer would hard-code for exactly these
 * two queries (no parser, no general field access, no type system), with the semantics the generated
 * data needs to give the same matches: case-insensitive `:`, the drive-letter `?`, ports sent as
 * strings, loopback addresses in any spelling, the latest pending connection per host, inclusive
 * maxspan. It is not a general implementation and is used nowhere else.
 */
import ipaddr from "ipaddr.js";

// Generated documents of a known shape, read with optional chaining.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated documents of a known shape
type Doc = Record<string, any>;

const CONHOST = /^[a-z]:\\windows\\system32\\conhost\.exe$/i;
const MAXSPAN_MS = 30_000;

function isLoopback(ip: unknown): boolean {
  if (typeof ip !== "string") return false;
  if (ip === "127.0.0.1" || ip === "::1") return true;
  if (!ip.includes(":")) return false;
  if (!ipaddr.isValid(ip)) return false;
  const addr = ipaddr.process(ip);
  return addr.kind() === "ipv4" ? addr.toString() === "127.0.0.1" : addr.toNormalizedString() === "0:0:0:0:0:0:0:1";
}

const has = (v: unknown, x: string) => v === x || (Array.isArray(v) && v.includes(x));

function isInboundWinrm(d: Doc, needPid4: boolean): boolean {
  if (!has(d.event?.category, "network") || d.host?.os?.type !== "windows") return false;
  if (needPid4 && Number(d.process?.pid) !== 4) return false;
  const direction = String(d.network?.direction ?? "").toLowerCase();
  if (direction !== "incoming" && direction !== "ingress") return false;
  const port = Number(d.destination?.port);
  return (port === 5985 || port === 5986) && d.network?.protocol === "http" && !isLoopback(d.source?.ip);
}

function isChildOf(d: Doc, parent: string): boolean {
  if (!has(d.event?.category, "process") || d.host?.os?.type !== "windows" || !has(d.event?.type, "start")) return false;
  const name = d.process?.parent?.name;
  if (typeof name !== "string" || name.toLowerCase() !== parent) return false;
  const exe = d.process?.executable;
  return !(typeof exe === "string" && CONHOST.test(exe));
}

export class HandWrittenWinrmMatcher {
  private readonly pending = new Map<string, { doc: Doc; start: number }>();

  constructor(private readonly rule: "powershell" | "winrs") {}

  /** Feeds one event in time order; returns the completed [connection, child] pair, if any. */
  push(d: Doc, ts: number): [Doc, Doc] | null {
    const host = d.host?.id;
    if (typeof host !== "string") return null;
    const parent = this.rule === "powershell" ? "wsmprovhost.exe" : "winrshost.exe";
    const prev = this.pending.get(host);
    if (prev && isChildOf(d, parent)) {
      this.pending.delete(host);
      if (ts - prev.start <= MAXSPAN_MS) return [prev.doc, d];
    }
    if (isInboundWinrm(d, this.rule === "winrs")) this.pending.set(host, { doc: d, start: ts });
    return null;
  }
}
