/**
 * EQL engine benchmark: both seed rules over 1,000,000 generated ECS events from about 200 hosts,
 * streamed in time order through the sequence matchers (as the detection worker feeds them), in
 * chunks, without keeping events. Planted true positives and near misses (maxspan just over,
 * conhost, wrong port, loopback source in three spellings, outbound direction) must give exactly
 * the planted matches.
 *
 * Baseline, in the same run: the same two rules written by hand for this data
 * (bench/lib/hand-written-winrm.ts) over the same chunks, the two alternating which runs first.
 * Prints wall and CPU rates of both and their ratio (CPU time is the steadier figure on a busy
 * machine: wall time counts the time other processes hold the core), peak RSS, and the heap after a
 * full GC at each quarter of the stream (flat when memory does not grow with the event count).
 * Exits non-zero when either finds other matches than the planted ones.
 *
 *   npm run bench:eql [-- --events N]
 */
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { compileQuery, type CompiledSequenceQuery } from "../lib/eql";
import { HandWrittenWinrmMatcher } from "./lib/hand-written-winrm";

// The seed rules' queries, byte for byte.
const RULES = {
  powershell: String.raw`sequence by host.id with maxspan = 30s
   [network where host.os.type == "windows" and network.direction : ("incoming", "ingress") and destination.port in (5985, 5986) and
    network.protocol == "http" and source.ip != "127.0.0.1" and source.ip != "::1"]
   [process where host.os.type == "windows" and
    event.type == "start" and process.parent.name : "wsmprovhost.exe" and not process.executable : "?:\\Windows\\System32\\conhost.exe"]`,
  winrs: String.raw`sequence by host.id with maxspan=30s
[network where host.os.type == "windows" and process.pid == 4 and network.direction : ("incoming", "ingress") and
destination.port in (5985, 5986) and network.protocol == "http" and source.ip != "127.0.0.1" and source.ip != "::1"]
[process where host.os.type == "windows" and
event.type == "start" and process.parent.name : "winrshost.exe" and not process.executable : "?:\\Windows\\System32\\conhost.exe"]`,
};

const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" } } });
const TOTAL = Number(values.events);
const HOSTS = 200;
const CHUNK = 10_000;
const START = Date.UTC(2024, 4, 1);

type Doc = Record<string, unknown> & { "@timestamp": string; id: number };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** A tiny deterministic PRNG (mulberry32), so every run sees the same events. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hostOf = (h: number) => ({ id: `host-${h.toString().padStart(3, "0")}`, name: `WS-${h}`, os: { type: "windows", family: "windows" } });
const hosts = Array.from({ length: HOSTS }, (_, h) => hostOf(h));

let nextId = 0;

// Object literals of a fixed shape per kind of event, as JSON.parse of stored documents gives.
function networkEvent(ts: number, h: number, o: { port?: number | string; direction?: string; src?: string; pid?: number; protocol?: string }): Doc {
  return {
    id: nextId++,
    "@timestamp": new Date(ts).toISOString(),
    event: { category: ["network"], type: ["start"], kind: "event" },
    host: hosts[h],
    process: { pid: o.pid ?? 4, name: "System" },
    network: { direction: o.direction ?? "incoming", protocol: o.protocol ?? "http", transport: "tcp" },
    source: { ip: o.src ?? `10.1.${h % 250}.${(ts >>> 3) % 250}`, port: 49152 + (ts % 16000) },
    destination: { ip: `10.0.${h % 250}.10`, port: o.port ?? 5985 },
  };
}

function processEvent(ts: number, h: number, parent: string, executable = "C:\\Windows\\System32\\whoami.exe"): Doc {
  return {
    id: nextId++,
    "@timestamp": new Date(ts).toISOString(),
    event: { category: ["process"], type: ["start"], kind: "event" },
    host: hosts[h],
    process: { pid: 1000 + (ts % 60000), name: executable.split("\\").pop(), executable, command_line: executable, parent: { pid: 900, name: parent } },
    user: { name: "svc-admin" },
  };
}

/** Background noise: never matches a stage (other ports, outbound, other parents, other categories). */
function noise(ts: number, h: number, r: () => number): Doc {
  const x = r();
  if (x < 0.35) {
    const port = [443, 80, 445, 3389, 53, 135][Math.floor(r() * 6)];
    return networkEvent(ts, h, { port, direction: r() < 0.5 ? "outbound" : "inbound", pid: 1234 });
  }
  if (x < 0.75) {
    const parents = ["explorer.exe", "services.exe", "svchost.exe", "cmd.exe", "powershell.exe"];
    return processEvent(ts, h, parents[Math.floor(r() * parents.length)], "C:\\Windows\\System32\\svchost.exe");
  }
  const cat = ["file", "registry", "authentication", "library"][Math.floor(r() * 4)];
  return {
    id: nextId++,
    "@timestamp": new Date(ts).toISOString(),
    event: { category: [cat], type: ["info"], kind: "event" },
    host: hosts[h],
    process: { pid: 4321, name: "svchost.exe" },
    file: { path: "C:\\Temp\\x.tmp" },
  };
}

interface Scenario {
  rule: "powershell" | "winrs" | null;
  events: (t: number, h: number) => Doc[];
}
const SCENARIOS: Scenario[] = [
  { rule: "powershell", events: (t, h) => [networkEvent(t, h, { pid: 1880 }), processEvent(t + 2_000, h, "wsmprovhost.exe")] },
  { rule: "winrs", events: (t, h) => [networkEvent(t, h, { port: "5986", direction: "ingress" }), processEvent(t + 30_000, h, "WinRSHost.exe")] },
  { rule: null, events: (t, h) => [networkEvent(t, h, {}), processEvent(t + 30_001, h, "winrshost.exe")] }, // maxspan just over
  { rule: null, events: (t, h) => [networkEvent(t, h, {}), processEvent(t + 1_000, h, "wsmprovhost.exe", "D:\\Windows\\System32\\conhost.exe")] },
  { rule: null, events: (t, h) => [networkEvent(t, h, { port: 5987 }), processEvent(t + 1_000, h, "winrshost.exe")] }, // wrong port
  { rule: null, events: (t, h) => [networkEvent(t, h, { src: "::ffff:127.0.0.1" }), processEvent(t + 1_000, h, "wsmprovhost.exe")] },
  { rule: null, events: (t, h) => [networkEvent(t, h, { src: "0:0:0:0:0:0:0:1" }), processEvent(t + 1_000, h, "winrshost.exe")] },
  { rule: null, events: (t, h) => [networkEvent(t, h, { direction: "outbound" }), processEvent(t + 1_000, h, "wsmprovhost.exe")] },
];

/** Yields chunks of events in time order: background noise with scenarios planted 40 s apart per host. */
function* generate(total: number, expected: Set<string>): Generator<Doc[]> {
  const r = rng(42);
  const step = 5; // ms between background events: 1,000,000 events span about 83 minutes
  const plantEvery = 997; // one scenario start per this many events
  let ts = START;
  let chunk: Doc[] = [];
  const queued: Doc[] = [];
  let scenario = 0;
  const hostReadyAt = new Array<number>(HOSTS).fill(0);
  for (let produced = 0; produced < total; ) {
    ts += step;
    while (queued.length > 0 && Date.parse(queued[0]["@timestamp"]) <= ts && produced < total) {
      chunk.push(queued.shift()!);
      produced++;
    }
    // A scenario spans up to 30.001 s: plant it only where the stream goes on long enough to emit it whole.
    if (produced % plantEvery === 0 && produced + 2 + Math.ceil(31_000 / step) <= total) {
      const h = Math.floor(r() * HOSTS);
      if (hostReadyAt[h] <= ts) {
        const s = SCENARIOS[scenario++ % SCENARIOS.length];
        const evs = s.events(ts + 1, h);
        hostReadyAt[h] = ts + 40_000;
        if (s.rule) expected.add(`${s.rule}:${evs.map((e) => e.id).join(",")}`);
        queued.push(...evs);
        queued.sort((a, b) => Date.parse(a["@timestamp"]) - Date.parse(b["@timestamp"]));
      }
    }
    if (produced < total) {
      chunk.push(noise(ts, Math.floor(r() * HOSTS), r));
      produced++;
    }
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** Forces a full garbage collection (outside the timed regions) so heap figures show retained memory. */
const gc: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

interface Timing {
  ns: bigint;
  cpuMicros: number;
}

function timed(t: Timing, work: () => void) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  work();
  t.ns += process.hrtime.bigint() - t0;
  const c1 = process.cpuUsage(c0);
  t.cpuMicros += c1.user + c1.system;
}

function main(): number {
  const rules = Object.entries(RULES).map(([name, q]) => ({ name: name as keyof typeof RULES, compiled: compileQuery(q) as CompiledSequenceQuery }));
  const matchers = rules.map((r) => ({ name: r.name, matcher: r.compiled.createSequenceMatcher() }));
  const baselines = rules.map((r) => ({ name: r.name, matcher: new HandWrittenWinrmMatcher(r.name) }));
  const expected = new Set<string>();
  const found = new Set<string>();
  const foundByBaseline = new Set<string>();
  const engine: Timing = { ns: 0n, cpuMicros: 0 };
  const baseline: Timing = { ns: 0n, cpuMicros: 0 };
  const heapAfterGc: string[] = [];
  let events = 0;
  let chunks = 0;
  let peakRss = 0;

  const runEngine = (chunk: Doc[], times: number[]) => () => {
    for (let i = 0; i < chunk.length; i++) {
      for (let r = 0; r < matchers.length; r++) {
        const done = matchers[r].matcher.push(chunk[i], times[i]);
        for (const m of done) found.add(`${matchers[r].name}:${m.events.map((e) => (e as Doc).id).join(",")}`);
      }
    }
  };
  const runBaseline = (chunk: Doc[], times: number[]) => () => {
    for (let i = 0; i < chunk.length; i++) {
      for (let r = 0; r < baselines.length; r++) {
        const pair = baselines[r].matcher.push(chunk[i], times[i]);
        if (pair) foundByBaseline.add(`${baselines[r].name}:${pair[0].id},${pair[1].id}`);
      }
    }
  };

  for (const chunk of generate(TOTAL, expected)) {
    // Timestamps come from a typed column in the worker; here they are parsed outside the timed loop.
    const times = chunk.map((d) => Date.parse(d["@timestamp"]));
    // Both matchers see every chunk; which runs first alternates, so neither always inherits the other's garbage.
    if (chunks++ % 2 === 0) {
      timed(engine, runEngine(chunk, times));
      timed(baseline, runBaseline(chunk, times));
    } else {
      timed(baseline, runBaseline(chunk, times));
      timed(engine, runEngine(chunk, times));
    }
    const before = events;
    events += chunk.length;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (Math.floor((before * 4) / TOTAL) !== Math.floor((events * 4) / TOTAL) || events === TOTAL) {
      gc();
      heapAfterGc.push(`${events.toLocaleString("en")}: ${mb(process.memoryUsage().heapUsed)}`);
    }
  }
  const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString("en");
  const engineWall = Number(engine.ns) / 1e9;
  const engineCpu = engine.cpuMicros / 1e6;
  const baseWall = Number(baseline.ns) / 1e9;
  const baseCpu = baseline.cpuMicros / 1e6;
  const missing = [...expected].filter((k) => !found.has(k));
  const extra = [...found].filter((k) => !expected.has(k));
  const baselineAgrees = foundByBaseline.size === expected.size && [...expected].every((k) => foundByBaseline.has(k));
  console.log(`events: ${events.toLocaleString("en")} (${HOSTS} hosts), rules: ${rules.map((r) => r.name).join(", ")}, streamed in chunks of ${CHUNK}, none kept`);
  console.log(`EQL engine  : ${engineWall.toFixed(3)} s wall = ${rate(events, engineWall)} events/s; ${engineCpu.toFixed(3)} s CPU = ${rate(events, engineCpu)} events per CPU-second`);
  console.log(`hand-written: ${baseWall.toFixed(3)} s wall = ${rate(events, baseWall)} events/s; ${baseCpu.toFixed(3)} s CPU = ${rate(events, baseCpu)} events per CPU-second`);
  console.log(`ratio       : the engine runs at ${((baseCpu / engineCpu) * 100).toFixed(0)}% of the hand-written matcher's speed (CPU time)`);
  console.log(`memory      : peak RSS ${mb(peakRss)}; heap after GC at ${heapAfterGc.join(", ")}`);
  console.log(`pending partial sequences at the end: ${matchers.map((m) => `${m.name} ${m.matcher.pendingCount}`).join(", ")}`);
  console.log(`planted matches: ${expected.size}, found: ${found.size}, missing: ${missing.length}, unexpected: ${extra.length}; hand-written agrees: ${baselineAgrees}`);
  if (missing.length || extra.length || expected.size === 0 || !baselineAgrees) {
    console.error("FAIL: matches differ from the planted ones", { missing: missing.slice(0, 5), extra: extra.slice(0, 5) });
    return 1;
  }
  console.log("OK: matches equal the planted ones");
  return 0;
}

process.exitCode = main();
