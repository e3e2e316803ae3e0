"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "./client";

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Fetches the same URL again (keeps the current data until the answer arrives). */
  reload: () => void;
}

/**
 * GETs `url` whenever it changes (null: nothing to fetch); a stale answer (of a URL left meanwhile)
 * is dropped. `initial` is data the server already rendered: no fetch until `reload` or a new URL.
 */
export function useApi<T>(url: string | null, opts: { initial?: T | null } = {}): ApiState<T> {
  const [data, setData] = useState<T | null>(opts.initial ?? null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(url !== null && !opts.initial);
  const [tick, setTick] = useState(0);
  // The server's data stands for the first URL: the first run of the effect fetches nothing.
  const served = useRef(!!opts.initial);

  useEffect(() => {
    if (url === null) return;
    if (served.current) {
      served.current = false;
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    apiFetch<T>(url, { signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name !== "AbortError") setError(e.message);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [url, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
