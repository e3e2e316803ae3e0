import { scanAlertsForAllowlist } from "../db/queries/allowlist";
import type { PreviewAllowlistInput } from "../validation/allowlist";
import { compileAllowlist, isEntryActive, matchAlert } from "./compile-allowlist";

/**
 * The impact of a draft entry before it is saved: the open (not closed) alerts it would close, and
 * the alerts of the last `days` days it would have prevented, by host and source IP, with a sample.
 * Alerts are scanned in SQL by rule scope and time; stage documents are evaluated here with the
 * same evaluator as the worker and the retroactive close.
 */
export interface AllowlistPreview {
  days: number;
  active: boolean;
  openAlerts: number;
  recentAlerts: number;
  byHost: { hostId: string; hostName: string | null; count: number }[];
  bySourceIp: { sourceIp: string | null; count: number }[];
  sample: { id: string; reason: string; status: string; ruleId: string; host: { id: string; name: string | null }; sourceIp: string | null; createdAt: string }[];
  scanned: number;
}

const PAGE = 500;
const SAMPLE = 10;
const TOP = 10;

export async function previewAllowlist(draft: PreviewAllowlistInput, opts: { days?: number; now?: Date } = {}): Promise<AllowlistPreview> {
  const now = opts.now ?? new Date();
  const days = opts.days ?? 7;
  const since = new Date(now.getTime() - days * 86_400_000);
  const entry = { ...draft, id: "draft" };
  const allowlist = compileAllowlist([entry], now);
  const result: AllowlistPreview = { days, active: isEntryActive(entry, now), openAlerts: 0, recentAlerts: 0, byHost: [], bySourceIp: [], sample: [], scanned: 0 };
  if (allowlist.size === 0) return result;

  const hosts = new Map<string, { hostId: string; hostName: string | null; count: number }>();
  const ips = new Map<string, { sourceIp: string | null; count: number }>();
  let afterId: string | undefined;
  for (;;) {
    const page = await scanAlertsForAllowlist({ ruleId: draft.ruleId, since, afterId, limit: PAGE });
    result.scanned += page.length;
    for (const a of page) {
      if (!matchAlert(allowlist, a)) continue;
      if (a.status !== "closed") result.openAlerts++;
      if (a.createdAt >= since) {
        result.recentAlerts++;
        const h = hosts.get(a.hostId) ?? { hostId: a.hostId, hostName: a.hostName, count: 0 };
        h.count++;
        hosts.set(a.hostId, h);
        const key = a.sourceIp ?? "";
        const ip = ips.get(key) ?? { sourceIp: a.sourceIp, count: 0 };
        ip.count++;
        ips.set(key, ip);
      }
      if (result.sample.length < SAMPLE) {
        result.sample.push({
          id: a.id,
          reason: a.reason,
          status: a.status,
          ruleId: a.ruleId,
          host: { id: a.hostId, name: a.hostName },
          sourceIp: a.sourceIp,
          createdAt: a.createdAt.toISOString(),
        });
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1].id;
  }
  const top = <T extends { count: number }>(m: Map<string, T>) => [...m.values()].sort((x, y) => y.count - x.count).slice(0, TOP);
  result.byHost = top(hosts);
  result.bySourceIp = top(ips);
  return result;
}
