import type { EcsDoc, EventFactory } from "./event-factory";
import { HOSTS, type DemoHost } from "./hosts";
import { SPAN } from "./schedule";
import { ADMIN_TARGETS, adminRemoting, JUMP_HOST } from "./scenarios/admin-remoting";
import { backgroundNoise } from "./scenarios/background-noise";
import { FOOTHOLD, INTRUDER_TARGETS, intruder, NEAR_MISS_HOSTS } from "./scenarios/intruder";
import { LEGACY_HOST, legacyAgent } from "./scenarios/legacy-agent";
import { MONITORING_HOST, monitoringProbes, PROBED_HOSTS, WINRS_PROBE_HOSTS } from "./scenarios/monitoring-probes";

/**
 * The demo scenario: ECS documents over the 72 hours before `end`, in time order. Pure and
 * deterministic: the same seed and end give the same documents, and the same seed gives the same
 * event ids whatever the end (so importing it again, later, adds nothing).
 */
export const DEFAULT_SEED = 1337;

export interface DemoScenario {
  seed: number;
  start: Date;
  end: Date;
  docs: EcsDoc[];
  hosts: readonly DemoHost[];
  /** Documents per part, in generation order. */
  parts: { name: string; events: number }[];
  /** What detection should find (host names). */
  expected: {
    intruderHosts: string[];
    adminTargets: string[];
    winrsProbeHosts: string[];
    nearMissHosts: string[];
    /** Probed by MON-01 and nothing else that alerts. */
    monitoredOnlyHosts: string[];
  };
  actors: { foothold: string; jumpHost: string; monitoringHost: string };
}

export function generateScenario(opts: { seed?: number; end?: Date | number } = {}): DemoScenario {
  const seed = opts.seed ?? DEFAULT_SEED;
  const end = opts.end === undefined ? Date.now() : new Date(opts.end).getTime();
  const parts: [string, EventFactory][] = [
    ["background noise", backgroundNoise(seed, end)],
    ["admin remoting from JUMP-01", adminRemoting(seed, end)],
    ["legacy agent (pid/ppid only)", legacyAgent(seed, end)],
    ["monitoring probes from MON-01", monitoringProbes(seed, end)],
    ["intruder from WKS-017", intruder(seed, end)],
  ];
  const all = parts.flatMap(([, f]) => f.docs);
  const docs = all
    .map((doc, i) => ({ doc, i, t: Date.parse(doc["@timestamp"] as string) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.doc);
  const adminTargets = [...ADMIN_TARGETS, LEGACY_HOST];
  const alerting = new Set<string>([...INTRUDER_TARGETS, ...adminTargets, ...WINRS_PROBE_HOSTS]);
  return {
    seed,
    start: new Date(end - SPAN),
    end: new Date(end),
    docs,
    hosts: HOSTS,
    parts: parts.map(([name, f]) => ({ name, events: f.docs.length })),
    expected: {
      intruderHosts: [...INTRUDER_TARGETS],
      adminTargets,
      winrsProbeHosts: [...WINRS_PROBE_HOSTS],
      nearMissHosts: [...NEAR_MISS_HOSTS],
      monitoredOnlyHosts: PROBED_HOSTS.filter((h) => !alerting.has(h) && !(NEAR_MISS_HOSTS as readonly string[]).includes(h)),
    },
    actors: { foothold: FOOTHOLD, jumpHost: JUMP_HOST, monitoringHost: MONITORING_HOST },
  };
}
