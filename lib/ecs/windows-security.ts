/**
 * Windows Security channel events that ECS knows how to place, mapped like Elastic's System
 * integration (data stream system.security): 4688 process creation, 5156/5157 Windows Filtering
 * Platform connections. Other Security events keep their data under winlog.event_data.
 */
import { getPath, setPath } from "./paths";
import { setProcess } from "./sysmon";
import type { EcsDoc } from "./types";
import { canonicalIp, parseLong } from "./values";

type Obj = Record<string, unknown>;

const s = (v: unknown): string | undefined => (typeof v === "string" && v !== "" && v !== "-" ? v : typeof v === "number" ? String(v) : undefined);

const NULL_SID = "S-1-0-0";

/** IANA protocol numbers seen in WFP events. */
const TRANSPORTS: Record<string, string> = { "1": "icmp", "6": "tcp", "17": "udp", "58": "ipv6-icmp" };

/** WFP direction: the message-table codes %%14592/%%14593 or their rendered text. */
function wfpDirection(v: string | undefined): string | undefined {
  const d = v?.toLowerCase();
  if (d === "%%14592" || d === "inbound") return "ingress";
  if (d === "%%14593" || d === "outbound") return "egress";
  return undefined;
}

function setLong(doc: EcsDoc, field: string, v: unknown): void {
  const n = parseLong(v);
  if (n !== null) setPath(doc, field, n);
}

function setAccount(doc: EcsDoc, name?: string, domain?: string, sid?: string): boolean {
  if (!name) return false;
  setPath(doc, "user.name", name);
  if (domain) setPath(doc, "user.domain", domain);
  if (sid && sid !== NULL_SID) setPath(doc, "user.id", sid);
  return true;
}

function mapProcessCreation(doc: EcsDoc, d: Obj): void {
  setPath(doc, "event.category", ["process"]);
  setPath(doc, "event.type", ["start"]);
  setPath(doc, "event.action", "created-process");
  setLong(doc, "process.pid", d.NewProcessId);
  setProcess(doc, "process", s(d.NewProcessName), s(d.CommandLine));
  setLong(doc, "process.parent.pid", d.ProcessId);
  setProcess(doc, "process.parent", s(d.ParentProcessName));
  // The account the new process runs as (Target*, Windows 10+), else the creator (Subject*).
  if (!setAccount(doc, s(d.TargetUserName), s(d.TargetDomainName), s(d.TargetUserSid))) {
    setAccount(doc, s(d.SubjectUserName), s(d.SubjectDomainName), s(d.SubjectUserSid));
  }
}

function mapWfpConnection(doc: EcsDoc, code: string, d: Obj): void {
  setPath(doc, "event.category", ["network"]);
  setPath(doc, "event.type", code === "5156" ? ["connection", "start", "allowed"] : ["connection", "denied"]);
  setPath(doc, "event.action", code === "5156" ? "network-connection-allowed" : "network-connection-blocked");
  setLong(doc, "process.pid", d.ProcessID ?? d.ProcessId);
  setProcess(doc, "process", s(d.Application));
  const sip = canonicalIp(d.SourceAddress);
  const dip = canonicalIp(d.DestAddress);
  if (sip) setPath(doc, "source.ip", sip);
  if (dip) setPath(doc, "destination.ip", dip);
  setLong(doc, "source.port", d.SourcePort);
  setLong(doc, "destination.port", d.DestPort);
  const proto = s(d.Protocol);
  if (proto && TRANSPORTS[proto]) setPath(doc, "network.transport", TRANSPORTS[proto]);
  setLong(doc, "network.iana_number", proto);
  const direction = wfpDirection(s(d.Direction));
  if (direction) setPath(doc, "network.direction", direction);
  const related = [sip, dip].filter((ip): ip is string => !!ip);
  if (related.length) setPath(doc, "related.ip", [...new Set(related)]);
}

/** Maps the Security events ECS describes; leaves the others as they are. */
export function mapSecurity(doc: EcsDoc, code: string, d: Obj): void {
  if (code === "4688") mapProcessCreation(doc, d);
  else if (code === "5156" || code === "5157") mapWfpConnection(doc, code, d);
  else if (getPath(doc, "user.name") === undefined) {
    if (!setAccount(doc, s(d.TargetUserName), s(d.TargetDomainName), s(d.TargetUserSid))) {
      setAccount(doc, s(d.SubjectUserName), s(d.SubjectDomainName), s(d.SubjectUserSid));
    }
  }
  const userName = getPath(doc, "user.name");
  if (typeof userName === "string") setPath(doc, "related.user", [userName]);
}
