/**
 * Sysmon (Microsoft-Windows-Sysmon/Operational) event data → ECS, as Elastic's Windows integration
 * (data stream windows.sysmon_operational) maps it. The raw fields stay under winlog.event_data.
 */
import { splitCommandLine } from "./command-line";
import { getPath, setPath } from "./paths";
import type { EcsDoc, Enrichment } from "./types";
import { basename, canonicalIp, parseLong } from "./values";

type Obj = Record<string, unknown>;

/** Event ID → [category, type, action], from the integration's ingest pipeline. */
export const SYSMON_EVENTS: Record<string, [string[], string[], string]> = {
  "1": [["process"], ["start"], "Process creation"],
  "2": [["file"], ["change"], "A process changed a file creation time"],
  "3": [["network"], ["start", "connection", "protocol"], "Network connection"],
  "4": [["process"], ["change"], "Sysmon service state changed"],
  "5": [["process"], ["end"], "Process terminated"],
  "6": [["driver"], ["start"], "Driver loaded"],
  "7": [["process"], ["change"], "Image loaded"],
  "8": [["process"], ["change"], "CreateRemoteThread"],
  "9": [["process"], ["access"], "RawAccessRead"],
  "10": [["process"], ["access"], "ProcessAccess"],
  "11": [["file"], ["creation"], "FileCreate"],
  "12": [["configuration", "registry"], ["change"], "RegistryEvent (Object create and delete)"],
  "13": [["configuration", "registry"], ["change"], "RegistryEvent (Value Set)"],
  "14": [["configuration", "registry"], ["change"], "RegistryEvent (Key and Value Rename)"],
  "15": [["file"], ["access"], "FileCreateStreamHash"],
  "16": [["configuration"], ["change"], "ServiceConfigurationChange"],
  "17": [["file"], ["creation"], "PipeEvent (Pipe Created)"],
  "18": [["file"], ["access"], "PipeEvent (Pipe Connected)"],
  "19": [["process"], ["info"], "WmiEvent (WmiEventFilter activity detected)"],
  "20": [["process"], ["change"], "WmiEvent (WmiEventConsumer activity detected)"],
  "21": [["process"], ["access"], "WmiEvent (WmiEventConsumerToFilter activity detected)"],
  "22": [["network"], ["connection", "protocol", "info"], "DNSEvent (DNS query)"],
  "23": [["file"], ["deletion"], "FileDelete (File Delete archived)"],
  "24": [[], ["change"], "ClipboardChange (New content in the clipboard)"],
  "25": [["process"], ["change"], "ProcessTampering (Process image change)"],
  "26": [["file"], ["deletion"], "FileDeleteDetected (File Delete logged)"],
  "27": [["file"], ["creation"], "FileBlockExecutable"],
  "28": [["file"], ["deletion"], "FileBlockShredding"],
  "29": [["file"], ["creation"], "FileExecutableDetected"],
};

const PROCESS_HASH_EVENTS = new Set(["1", "23", "24", "25"]);
const FILE_HASH_EVENTS = new Set(["6", "7", "15", "26", "29"]);
const HIVES: Record<string, string> = {
  HKEY_CLASSES_ROOT: "HKCR", HKCR: "HKCR", HKEY_CURRENT_CONFIG: "HKCC", HKCC: "HKCC",
  HKEY_CURRENT_USER: "HKCU", HKCU: "HKCU", HKEY_LOCAL_MACHINE: "HKLM", HKLM: "HKLM",
  HKEY_USERS: "HKU", HKU: "HKU",
};

const s = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);

function setIf(doc: EcsDoc, field: string, v: unknown): void {
  if (v !== undefined) setPath(doc, field, v);
}

function setLong(doc: EcsDoc, field: string, v: unknown): void {
  const n = parseLong(v);
  if (n !== null) setPath(doc, field, n);
}

function pushUnique(doc: EcsDoc, field: string, v: string): void {
  const cur = getPath(doc, field);
  const arr = Array.isArray(cur) ? cur : [];
  if (!arr.includes(v)) setPath(doc, field, [...arr, v]);
}

/** The process (or parent) fields shared by Sysmon and Security events. */
export function setProcess(doc: EcsDoc, prefix: string, executable?: string, commandLine?: string): void {
  if (executable) {
    setPath(doc, `${prefix}.executable`, executable);
    // The integration names a process only from a path; a bare name ("System") is kept as the name.
    if (getPath(doc, `${prefix}.name`) === undefined) setPath(doc, `${prefix}.name`, basename(executable));
  }
  if (commandLine) {
    setPath(doc, `${prefix}.command_line`, commandLine);
    const args = splitCommandLine(commandLine);
    setPath(doc, `${prefix}.args`, args);
    setPath(doc, `${prefix}.args_count`, args.length);
  }
}

/** "DOMAIN\\user" → user.domain, user.name. */
export function setUser(doc: EcsDoc, account: string | undefined, prefix = "user"): void {
  if (!account) return;
  const parts = account.split("\\");
  if (parts.length === 2) {
    if (parts[0]) setPath(doc, `${prefix}.domain`, parts[0]);
    if (parts[1]) setPath(doc, `${prefix}.name`, parts[1]);
  } else {
    setPath(doc, `${prefix}.name`, account);
  }
}

function hashes(v: string | undefined): Obj | undefined {
  if (!v) return undefined;
  const out: Obj = {};
  for (const pair of v.split(",")) {
    const [k, h] = pair.split("=");
    if (k && h && !/^0*$/.test(h.trim())) out[k.trim().toLowerCase()] = h.trim().toLowerCase();
  }
  return Object.keys(out).length ? out : undefined;
}

function setHashes(doc: EcsDoc, code: string, d: Obj): void {
  const h = hashes(s(d.Hashes) ?? s(d.Hash));
  if (!h) return;
  const target = PROCESS_HASH_EVENTS.has(code) ? "process" : FILE_HASH_EVENTS.has(code) ? "file" : undefined;
  if (target) {
    const { imphash, ...rest } = h;
    setPath(doc, `${target}.hash`, rest);
    if (imphash) setPath(doc, `${target}.pe.imphash`, imphash);
  }
  for (const value of Object.values(h)) pushUnique(doc, "related.hash", String(value));
}

function setFile(doc: EcsDoc, code: string, d: Obj): void {
  const path = s(d.TargetFilename) ?? s(d.Device) ?? s(d.ImageLoaded);
  if (path) {
    setPath(doc, "file.path", path);
    const i = path.lastIndexOf("\\");
    if (i > -1) {
      setPath(doc, "file.name", path.slice(i + 1));
      setPath(doc, "file.directory", path.slice(0, i));
      const dot = path.lastIndexOf(".");
      if (dot > i) setPath(doc, "file.extension", path.slice(dot + 1));
    }
  }
  setIf(doc, "file.name", s(d.PipeName));
  if (code === "7") {
    setIf(doc, "file.pe.original_file_name", s(d.OriginalFileName));
    setIf(doc, "file.code_signature.subject_name", s(d.Signature));
    setIf(doc, "file.code_signature.status", s(d.SignatureStatus));
  }
}

function setNetwork(doc: EcsDoc, code: string, d: Obj): void {
  setIf(doc, "network.transport", s(d.Protocol));
  if (code === "22") setPath(doc, "network.protocol", "dns");
  else setIf(doc, "network.protocol", s(d.DestinationPortName) ?? s(d.SourcePortName));
  const sip = canonicalIp(d.SourceIp);
  const dip = canonicalIp(d.DestinationIp);
  if (sip) setPath(doc, "source.ip", sip);
  if (dip) setPath(doc, "destination.ip", dip);
  setLong(doc, "source.port", d.SourcePort);
  setLong(doc, "destination.port", d.DestinationPort);
  setIf(doc, "source.domain", s(d.SourceHostname));
  setIf(doc, "destination.domain", s(d.DestinationHostname));
  const initiated = s(d.Initiated)?.toLowerCase();
  if (initiated === "true") setPath(doc, "network.direction", "egress");
  if (initiated === "false") setPath(doc, "network.direction", "ingress");
  const v6 = s(d.SourceIsIpv6)?.toLowerCase();
  if (v6) setPath(doc, "network.type", v6 === "true" ? "ipv6" : "ipv4");
  setIf(doc, "dns.question.name", s(d.QueryName));
  const results = s(d.QueryResults);
  if (results) {
    const ips = results.split(";").filter((a) => a && !a.startsWith("type:")).map(canonicalIp).filter((ip): ip is string => !!ip);
    if (ips.length) setPath(doc, "dns.resolved_ip", [...new Set(ips)]);
    for (const ip of ips) pushUnique(doc, "related.ip", ip);
  }
  if (sip) pushUnique(doc, "related.ip", sip);
  if (dip) pushUnique(doc, "related.ip", dip);
}

function setRegistry(doc: EcsDoc, d: Obj): void {
  const path = s(d.TargetObject);
  if (!path) return;
  const tokens = path.split("\\");
  setPath(doc, "registry.path", path);
  const hive = HIVES[tokens[0]];
  if (hive) {
    setPath(doc, "registry.hive", hive);
    if (tokens.length > 1) setPath(doc, "registry.key", tokens.slice(1).join("\\"));
  }
  setPath(doc, "registry.value", tokens[tokens.length - 1]);
  const details = s(d.Details);
  if (details) setPath(doc, "registry.data.strings", [details]);
}

/** Maps one Sysmon event's data onto the doc. Returns the enrichments it made. */
export function mapSysmon(doc: EcsDoc, code: string, d: Obj): Enrichment[] {
  const enrichments: Enrichment[] = [];
  const kind = SYSMON_EVENTS[code];
  if (kind) {
    if (kind[0].length) setPath(doc, "event.category", kind[0]);
    setPath(doc, "event.type", kind[1]);
    setPath(doc, "event.action", kind[2]);
  }
  setIf(doc, "rule.name", s(d.RuleName));
  setHashes(doc, code, d);
  setIf(doc, "process.entity_id", s(d.ProcessGuid) ?? s(d.SourceProcessGuid) ?? s(d.SourceProcessGUID));
  setLong(doc, "process.pid", d.ProcessId ?? d.SourceProcessId);
  setLong(doc, "process.thread.id", d.SourceThreadId);
  setProcess(doc, "process", s(d.Image) ?? s(d.SourceImage) ?? s(d.Destination), s(d.CommandLine));
  setIf(doc, "process.working_directory", s(d.CurrentDirectory));
  setIf(doc, "process.parent.entity_id", s(d.ParentProcessGuid));
  setLong(doc, "process.parent.pid", d.ParentProcessId);
  setProcess(doc, "process.parent", s(d.ParentImage), s(d.ParentCommandLine));
  if (code !== "7") {
    setIf(doc, "process.pe.original_file_name", s(d.OriginalFileName));
    setIf(doc, "process.pe.company", s(d.Company));
    setIf(doc, "process.pe.description", s(d.Description));
    setIf(doc, "process.pe.file_version", s(d.FileVersion));
    setIf(doc, "process.pe.product", s(d.Product));
  }
  if (getPath(doc, "process.pid") === undefined && getPath(doc, "process.executable") === "System") {
    setPath(doc, "process.pid", 4);
    enrichments.push({
      field: "process.pid",
      value: 4,
      reason: 'process.pid was missing and the image is "System": the Windows kernel (System) process always has pid 4',
    });
  }
  setFile(doc, code, d);
  setNetwork(doc, code, d);
  setUser(doc, s(d.User));
  const userName = getPath(doc, "user.name");
  if (typeof userName === "string") pushUnique(doc, "related.user", userName);
  if (["12", "13", "14"].includes(code)) setRegistry(doc, d);
  return enrichments;
}
