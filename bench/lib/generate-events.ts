/**
 * Realistic ECS endpoint traffic for benchmarks: ~200 Windows hosts producing process starts,
 * inbound and outbound network connections (some to 5985) and file noise, plus, every
 * `plantEvery` events, a planted WinRM pair on one of 2,000 target servers (pairs on the same
 * server are minutes apart, so they never interfere): PowerShell remoting (alerts),
 * WinRS (alerts), or a near miss (child 30.001 s later, port 3389, loopback source, outbound
 * direction, conhost child: no alert). Noise never has wsmprovhost.exe / winrshost.exe parents,
 * so the expected alerts are exactly the planted ones. Deterministic for a seed.
 */
const PROCS = ["svchost.exe", "chrome.exe", "outlook.exe", "explorer.exe", "teams.exe", "msedge.exe", "powershell.exe", "cmd.exe"];
const KINDS = ["ps", "ps-late", "wrong-port", "loopback", "outbound", "conhost", "winrs"] as const;

export interface Plan {
  planted: number;
  expectedAlerts: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function* generateEvents(total: number, plan: Plan, opts: { hosts?: number; seed?: number; plantEvery?: number; maxStepMs?: number } = {}) {
  const hosts = opts.hosts ?? 200;
  const r = rng(opts.seed ?? 42);
  const plantEvery = opts.plantEvery ?? 5000;
  let t = Date.parse("2026-11-20T00:00:00Z");
  let n = 0;
  let plants = 0;
  const host = (i: number) => ({ id: `host-${i}`, name: `WKS-${String(i).padStart(4, "0")}`, os: { type: "windows", family: "windows" } });
  while (n < total) {
    t += Math.floor(r() * (opts.maxStepMs ?? 25));
    if (n % plantEvery === 0 && n + 2 <= total) {
      const kind = KINDS[plants % KINDS.length];
      const h = host(100_000 + (plants++ % 2000));
      plan.planted++;
      if (kind === "ps" || kind === "winrs") plan.expectedAlerts++;
      yield network(h, t, kind === "loopback" ? "127.0.0.1" : `10.66.${plants % 250}.7`, kind === "wrong-port" ? 3389 : 5985, kind === "outbound" ? "egress" : "ingress", n++);
      const child = kind === "conhost" ? "conhost.exe" : "whoami.exe";
      yield processStart(h, t + (kind === "ps-late" ? 30_001 : 3000), child, kind === "winrs" ? "winrshost.exe" : "wsmprovhost.exe", n++, kind === "conhost" ? "C:\\Windows\\System32\\conhost.exe" : `C:\\Windows\\System32\\${child}`);
      continue;
    }
    const h = host(Math.floor(r() * hosts));
    const roll = r();
    if (roll < 0.45) yield processStart(h, t, PROCS[Math.floor(r() * PROCS.length)], PROCS[Math.floor(r() * 3)], n++);
    else if (roll < 0.75) yield network(h, t, `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 254)}`, [443, 80, 445, 5985][Math.floor(r() * 4)], r() < 0.7 ? "egress" : "ingress", n++);
    else yield { "@timestamp": new Date(t).toISOString(), event: { id: `ev-${n++}`, category: ["file"], type: ["creation"] }, host: h, file: { path: `C:\\Users\\jdoe\\AppData\\Local\\Temp\\tmp${n}.dat` }, process: { name: "chrome.exe", pid: 4242 } };
  }
}

function network(h: object, at: number, ip: string, port: number, direction: string, i: number) {
  return {
    "@timestamp": new Date(at).toISOString(),
    event: { id: `ev-${i}`, category: ["network"], type: ["start", "connection"] },
    host: h,
    network: { direction, transport: "tcp", ...(port === 5985 || port === 3389 ? {} : { protocol: port === 443 ? "tls" : "http" }) },
    process: { pid: 4, name: "System" },
    source: { ip, port: 49152 + (i % 16000) },
    destination: { ip: "10.0.0.5", port },
  };
}

function processStart(h: object, at: number, name: string, parent: string, i: number, executable = `C:\\Program Files\\App\\${name}`) {
  return {
    "@timestamp": new Date(at).toISOString(),
    event: { id: `ev-${i}`, category: ["process"], type: ["start"] },
    host: h,
    process: { pid: 1000 + (i % 60000), name, executable, command_line: `"${executable}" --flag ${i}`, entity_id: `e-${i}`, parent: { name: parent, pid: 900, entity_id: `p-${i % 97}` } },
    user: { name: "jdoe", domain: "CORP" },
  };
}
