import { DOMAIN, type DemoHost } from "./hosts";
import { hash32 } from "./random";

/**
 * Builds Elastic Defend style ECS documents (Winlogbeat style on legacy-agent hosts: pid/ppid, no
 * entity ids). Every document gets a stable event.id `<prefix>-<n>`: the n-th document a scenario
 * made, whatever the clock, so a second import of the demo is all duplicates.
 */
export type EcsDoc = Record<string, unknown>;

/** A process as a parent or a connection's owner. */
export interface ProcRef {
  host: DemoHost;
  pid: number;
  name: string;
  executable: string;
  commandLine?: string;
  entityId?: string;
  user?: string;
}

export interface StartSpec {
  name: string;
  executable?: string;
  commandLine?: string;
  pid?: number;
  entityId?: string;
  parent: ProcRef;
  /** `DOMAIN\\user` or `NT AUTHORITY\\SYSTEM`; defaults to SYSTEM. */
  user?: string;
}

const SYSTEM_USER = "NT AUTHORITY\\SYSTEM";

export function system32(name: string): string {
  return `C:\\Windows\\System32\\${name}`;
}

/** The entity id of a well-known long-lived process (System, services.exe, the DcomLaunch svchost). */
export function wellKnown(host: DemoHost, role: "system" | "wininit" | "services" | "dcomlaunch" | "userinit" | "explorer"): ProcRef {
  const table = {
    system: { pid: 4, name: "System", executable: "System" },
    wininit: { pid: 500 + (hash32(host.name) % 60), name: "wininit.exe", executable: system32("wininit.exe") },
    userinit: { pid: 4100 + (hash32(host.name) % 50), name: "userinit.exe", executable: system32("userinit.exe") },
    services: { pid: 700 + (hash32(host.name) % 80), name: "services.exe", executable: system32("services.exe") },
    dcomlaunch: { pid: 900 + (hash32(host.name) % 90), name: "svchost.exe", executable: system32("svchost.exe") },
    explorer: { pid: 5000 + (hash32(host.name) % 900), name: "explorer.exe", executable: "C:\\Windows\\explorer.exe" },
  } as const;
  const t = table[role];
  const commandLine = role === "dcomlaunch" ? `${system32("svchost.exe")} -k DcomLaunch -p` : t.executable;
  return {
    host,
    pid: t.pid,
    name: t.name,
    executable: t.executable,
    commandLine,
    entityId: host.legacyAgent ? undefined : entityId(host, `wk:${role}`),
    user: SYSTEM_USER,
  };
}

function entityId(host: DemoHost, key: string): string {
  return Buffer.from(`${host.id}|${key}`).toString("base64").replace(/=+$/, "");
}

function splitUser(user: string | undefined) {
  const [domain, name] = (user ?? SYSTEM_USER).split("\\");
  return { name: name ?? domain, domain: name ? domain : DOMAIN };
}

export class EventFactory {
  readonly docs: EcsDoc[] = [];
  private n = 0;
  private nextPid = 0;

  constructor(readonly prefix: string) {
    this.nextPid = 2000 + (hash32(prefix) % 4000) * 4;
  }

  private base(host: DemoHost, at: number, category: string, type: string[], action: string): EcsDoc {
    const id = `${this.prefix}-${String(++this.n).padStart(5, "0")}`;
    const legacy = !!host.legacyAgent;
    const dataset = legacy ? "windows.security" : `endpoint.events.${category}`;
    return {
      "@timestamp": new Date(at).toISOString(),
      agent: { type: legacy ? "winlogbeat" : "endpoint", version: legacy ? "7.17.18" : "8.15.2" },
      ecs: { version: "8.11.0" },
      data_stream: { type: "logs", dataset, namespace: "default" },
      event: { id, kind: "event", category: [category], type, action, dataset, module: legacy ? "windows" : "endpoint" },
      host: {
        id: host.id,
        name: host.name,
        hostname: host.name.toLowerCase(),
        ip: [host.ip],
        os: { type: "windows", family: "windows", name: host.kind === "workstation" ? "Windows 11 Enterprise" : "Windows Server 2022 Datacenter" },
      },
    };
  }

  private pid(): number {
    this.nextPid = this.nextPid >= 60_000 ? 2004 : this.nextPid + 4;
    return this.nextPid;
  }

  /** A process start; returns the new process, to use as a parent. */
  start(host: DemoHost, at: number, s: StartSpec): ProcRef {
    const executable = s.executable ?? system32(s.name);
    const proc: ProcRef = {
      host,
      pid: s.pid ?? this.pid(),
      name: s.name,
      executable,
      commandLine: s.commandLine ?? `"${executable}"`,
      user: s.user ?? s.parent.user,
    };
    const doc = this.base(host, at, "process", ["start"], "start");
    if (!host.legacyAgent) proc.entityId = s.entityId ?? entityId(host, `${this.prefix}:${this.n}`);
    const parent: Record<string, unknown> = {
      pid: s.parent.pid,
      name: s.parent.name,
      executable: s.parent.executable,
      ...(s.parent.commandLine ? { command_line: s.parent.commandLine } : {}),
      ...(s.parent.entityId && !host.legacyAgent ? { entity_id: s.parent.entityId } : {}),
    };
    doc.process = {
      pid: proc.pid,
      name: proc.name,
      executable,
      command_line: proc.commandLine,
      ...(proc.entityId ? { entity_id: proc.entityId } : { ppid: s.parent.pid }),
      parent,
    };
    doc.user = splitUser(proc.user);
    this.docs.push(doc);
    return proc;
  }

  /** An inbound TCP connection accepted on `port` (WinRM's HTTP listener belongs to System, pid 4). */
  inbound(host: DemoHost, at: number, c: { sourceIp: string; sourcePort: number; port?: number; protocol?: string | null; owner?: ProcRef }) {
    const doc = this.base(host, at, "network", ["start", "connection"], "connection_accepted");
    const owner = c.owner ?? wellKnown(host, "system");
    doc.network = { direction: host.legacyAgent ? "incoming" : "ingress", transport: "tcp", type: "ipv4", ...(c.protocol === null ? {} : { protocol: c.protocol ?? "http" }) };
    doc.process = { pid: owner.pid, name: owner.name, executable: owner.executable, ...(owner.entityId ? { entity_id: owner.entityId } : {}) };
    doc.source = { ip: c.sourceIp, port: c.sourcePort };
    doc.destination = { ip: host.ip, port: c.port ?? 5985 };
    doc.user = splitUser(owner.user);
    this.docs.push(doc);
  }

  /** An outbound connection made by `proc`. */
  outbound(proc: ProcRef, at: number, c: { ip: string; port: number; protocol?: string; sourcePort?: number }) {
    const doc = this.base(proc.host, at, "network", ["start", "connection"], "connection_attempted");
    doc.network = { direction: "egress", transport: "tcp", type: "ipv4", ...(c.protocol ? { protocol: c.protocol } : {}) };
    doc.process = { pid: proc.pid, name: proc.name, executable: proc.executable, ...(proc.entityId ? { entity_id: proc.entityId } : {}) };
    doc.source = { ip: proc.host.ip, port: c.sourcePort ?? 49152 + ((this.n * 37) % 16000) };
    doc.destination = { ip: c.ip, port: c.port };
    doc.user = splitUser(proc.user);
    this.docs.push(doc);
  }

  /** A file created or changed by `proc`. */
  file(proc: ProcRef, at: number, path: string, type: "creation" | "change" = "creation") {
    const doc = this.base(proc.host, at, "file", [type], type === "creation" ? "creation" : "overwrite");
    const name = path.slice(path.lastIndexOf("\\") + 1);
    doc.file = { path, name, ...(name.includes(".") ? { extension: name.slice(name.lastIndexOf(".") + 1) } : {}) };
    doc.process = { pid: proc.pid, name: proc.name, executable: proc.executable, ...(proc.entityId ? { entity_id: proc.entityId } : {}) };
    doc.user = splitUser(proc.user);
    this.docs.push(doc);
  }
}
