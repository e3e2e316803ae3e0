/**
 * A realistic WinRM lateral-movement capture: 10.13.37.5 connects to three hosts over 5985/5986;
 * on WKS-01 a PowerShell remoting session (wsmprovhost.exe under svchost.exe) runs whoami.exe and
 * net.exe. No entity ids on WKS-01 (Sysmon-like), so every edge there is inferred from pid/ppid.
 */
export const ATTACKER = "10.13.37.5";
export const T0 = Date.parse("2026-11-20T10:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const windows = (id: string, name: string) => ({ id, name, os: { type: "windows", family: "windows" } });

export function winrmConnection(id: string, s: number, hostId: string, hostName: string, hostIp: string, port = 5985, src = ATTACKER) {
  return {
    "@timestamp": at(s),
    event: { id, kind: "event", category: ["network"], type: ["start", "connection"], action: "network_connection_accepted" },
    host: windows(hostId, hostName),
    network: { direction: "ingress", transport: "tcp" },
    source: { ip: src, port: 50000 + Math.round(s) },
    destination: { ip: hostIp, port },
    process: { name: "System", pid: 4 },
  };
}

export function processStart(
  id: string,
  s: number,
  host: { id: string; name: string },
  p: { name: string; pid: number; ppid: number; parent: string; commandLine: string; executable?: string; user?: string },
) {
  return {
    "@timestamp": at(s),
    event: { id, kind: "event", category: ["process"], type: ["start"], action: "start" },
    host: windows(host.id, host.name),
    user: { name: p.user ?? "CORP\\svc-admin" },
    process: {
      name: p.name,
      pid: p.pid,
      executable: p.executable ?? `C:\\Windows\\System32\\${p.name}`,
      command_line: p.commandLine,
      parent: { name: p.parent, pid: p.ppid },
    },
  };
}

export const WKS1 = { id: "host-wks-01", name: "WKS-01" };

export function captureEvents() {
  return [
    winrmConnection("conn-1", 0, WKS1.id, WKS1.name, "10.0.0.11"),
    processStart("proc-wsm", 2, WKS1, {
      name: "wsmprovhost.exe", pid: 4000, ppid: 800, parent: "svchost.exe",
      commandLine: "C:\\Windows\\system32\\wsmprovhost.exe -Embedding",
    }),
    processStart("proc-whoami", 5, WKS1, { name: "whoami.exe", pid: 4100, ppid: 4000, parent: "wsmprovhost.exe", commandLine: '"C:\\Windows\\system32\\whoami.exe" /all' }),
    processStart("proc-conhost", 5.2, WKS1, { name: "conhost.exe", pid: 4101, ppid: 4100, parent: "whoami.exe", commandLine: "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1" }),
    processStart("proc-net", 20, WKS1, { name: "net.exe", pid: 4200, ppid: 4000, parent: "wsmprovhost.exe", commandLine: "net.exe group \"Domain Admins\" /domain" }),
    // an unrelated process on the same host, outside the remoting session
    processStart("proc-notepad", 30, WKS1, { name: "notepad.exe", pid: 5000, ppid: 3000, parent: "explorer.exe", commandLine: "notepad.exe C:\\notes.txt" }),
    winrmConnection("conn-2", 3600, "host-srv-02", "SRV-02", "10.0.0.12"),
    winrmConnection("conn-3", 3700, "host-srv-02", "SRV-02", "10.0.0.12", 5986),
    winrmConnection("conn-4", 7200, "host-dc-01", "DC-01", "10.0.0.2"),
    // not WinRM and not the attacker: excluded
    winrmConnection("conn-rdp", 100, WKS1.id, WKS1.name, "10.0.0.11", 3389),
    winrmConnection("conn-other", 100, WKS1.id, WKS1.name, "10.0.0.11", 5985, "10.9.9.9"),
  ];
}
