"use client";

import { useCallback, useEffect, useState } from "react";
import { fetchJson } from "@/components/alerts/api";
import type { AlertListJson } from "@/lib/triage/list-alerts";

/** Fetches `/api/v1/alerts?<query>` whenever the query changes; `reload` fetches again. */
export function useAlertsData(query: string) {
  const [data, setData] = useState<AlertListJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [loadedAt, setLoadedAt] = useState<string>(() => new Date().toISOString());

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    fetchJson<AlertListJson>(`/api/v1/alerts?${query}`)
      .then((d) => {
        if (cancelled) return;
        setData(d);
        setError(null);
        const newest = d.alerts.reduce((m, a) => (a.createdAt > m ? a.createdAt : m), "");
        setLoadedAt(newest || new Date().toISOString());
      })
      .catch((e: Error) => !cancelled && setError(e.message))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [query, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, loadedAt };
}

/**
 * Polls every 10 s for alerts of the same filter created after `since`; answers how many.
 * `status` picks the count of the current tab ("all" sums them).
 */
export function useNewAlertCount(filterQuery: string, status: string, since: string, intervalMs = 10_000) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    setCount(0);
    const poll = async () => {
      try {
        const q = new URLSearchParams(filterQuery);
        q.set("createdAfter", since);
        q.set("limit", "1");
        const d = await fetchJson<AlertListJson>(`/api/v1/alerts?${q}`);
        setCount(status === "all" ? d.counts.open + d.counts.acknowledged + d.counts.closed : (d.counts[status as keyof typeof d.counts] ?? 0));
      } catch {
        /* the next poll tries again */
      }
    };
    const timer = setInterval(poll, intervalMs);
    return () => clearInterval(timer);
  }, [filterQuery, status, since, intervalMs]);
  return count;
}
