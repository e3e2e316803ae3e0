"use client";

import { useEffect, useMemo, useState } from "react";
import { apiFetch } from "@/components/api/client";
import { useApi } from "@/components/api/use-api";
import type { AlertListJson } from "@/lib/triage/list-alerts";

/** `/api/v1/alerts?<query>`, fetched whenever the query changes; `loadedAt` is its newest alert's creation. */
export function useAlertsData(query: string) {
  const { data, error, loading, reload } = useApi<AlertListJson>(`/api/v1/alerts?${query}`);
  const [fallback] = useState(() => new Date().toISOString());
  const loadedAt = useMemo(() => data?.alerts.reduce((m, a) => (a.createdAt > m ? a.createdAt : m), "") || fallback, [data, fallback]);
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
        const d = await apiFetch<AlertListJson>(`/api/v1/alerts?${q}`);
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
