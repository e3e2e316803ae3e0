/**
 * A network with lateral movement for the movement benchmark (deterministic for a seed). HOSTS
 * hosts (`mv-host-i`, address 10.a.b.10; the first 10 are DC-0x): 70 % internal, in segments of
 * 10 where alerts go host to host (chains), 30 % edge servers (WEB-i) hit from 20,000 outside
 * addresses. Every event carries its host's host.ip. Besides the planted alert pairs (an inbound
 * WinRM connection and a wsmprovhost.exe child 3 s later), the traffic is process starts,
 * outbound HTTPS, and WinRM connections between internal hosts without a child (hops, no alert).
 * Events are in time order over 3 days ending `plan.end` (about 14 events per host and hour).
 */
export interface MovementPlan {
  alerts: number;
  pairs: { connection: string; process: string }[];
  end?: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const START = Date.parse("2026-10-01T00:00:00Z");
const SPAN = 3 * 86_400_000;

export function* generateMovement(opts: { events: number; alerts: number; hosts: number; seed?: number }, plan: MovementPlan) {
  const r = rng(opts.seed ?? 7);
  const internal = Math.floor(opts.hosts * 0.7);
  const segments = Math.max(1, Math.floor(internal / 10));
  const ipOf = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.10`;
  const nameOf = (i: number) => (i < 10 ? `DC-0${i}` : i < internal ? `SRV-${String(i).padStart(4, "0")}` : `WEB-${i}`);
  const host = (i: number) => ({ id: `mv-host-${i}`, name: nameOf(i), ip: [ipOf(i)], os: { type: "windows", family: "windows" } });
  const outside = (k: number) => `45.${(k >> 8) & 255}.${k & 255}.7`;
  const steps = opts.events - opts.alerts; // each alert takes two events
  const alertEvery = steps / opts.alerts;
  let n = 0;
  let planted = 0;
  for (let step = 0; step < steps && n < opts.events; step++) {
    const t = START + Math.floor((step / steps) * SPAN);
    if (planted < opts.alerts && step >= Math.floor(planted * alertEvery)) {
      let target: number;
      let source: string;
      if (planted % 2 === 0) {
        const seg = Math.floor(r() * segments);
        const a = seg * 10 + Math.floor(r() * 10);
        let b = seg * 10 + Math.floor(r() * 10);
        if (b === a) b = seg * 10 + ((b - seg * 10 + 1) % 10);
        source = ipOf(a);
        target = b;
      } else {
        source = outside(Math.floor(r() * 20_000));
        target = internal + Math.floor(r() * (opts.hosts - internal));
      }
      const id = `mv-a-${planted++}`;
      plan.pairs.push({ connection: `${id}-c`, process: `${id}-p` });
      plan.alerts++;
      yield winrm(host(target), t, source, `${id}-c`);
      yield child(host(target), t + 3000, `${id}-p`);
      n += 2;
      continue;
    }
    const i = Math.floor(r() * opts.hosts);
    const roll = r();
    const id = `mv-e-${n++}`;
    if (roll < 0.7) {
      yield { "@timestamp": new Date(t).toISOString(), event: { id, category: ["process"], type: ["start"] }, host: host(i), process: { name: "svchost.exe", pid: 1000 + (n % 5000), executable: "C:\\Windows\\System32\\svchost.exe", parent: { name: "services.exe", pid: 700 } } };
    } else if (roll < 0.9) {
      yield { "@timestamp": new Date(t).toISOString(), event: { id, category: ["network"], type: ["start"] }, host: host(i), network: { direction: "egress", transport: "tcp", protocol: "tls" }, source: { ip: ipOf(i), port: 50_000 }, destination: { ip: "52.96.0.1", port: 443 }, process: { name: "chrome.exe", pid: 4242 } };
    } else {
      const target = Math.floor(r() * internal);
      yield winrm(host(target), t, ipOf(Math.floor(r() * internal)), id);
    }
  }
  plan.end = START + SPAN;
}

function winrm(h: ReturnType<typeof Object>, at: number, sourceIp: string, id: string) {
  const hh = h as { ip: string[] };
  return {
    "@timestamp": new Date(at).toISOString(),
    event: { id, category: ["network"], type: ["start", "connection"] },
    host: h,
    network: { direction: "ingress", transport: "tcp" },
    process: { pid: 4, name: "System" },
    source: { ip: sourceIp, port: 50_123 },
    destination: { ip: hh.ip[0], port: 5985 },
  };
}

function child(h: object, at: number, id: string) {
  return {
    "@timestamp": new Date(at).toISOString(),
    event: { id, category: ["process"], type: ["start"] },
    host: h,
    process: {
      name: "whoami.exe", pid: 6000, executable: "C:\\Windows\\System32\\whoami.exe", command_line: "whoami.exe /all",
      parent: { name: "wsmprovhost.exe", pid: 5000, executable: "C:\\Windows\\System32\\wsmprovhost.exe" },
      user: { name: "svc-admin", domain: "CORP" },
    },
  };
}
