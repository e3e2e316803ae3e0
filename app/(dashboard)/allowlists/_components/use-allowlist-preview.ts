"use client";

import { useEffect, useState } from "react";
import { apiSend } from "@/components/api/client";
import type { AllowlistPreview } from "@/lib/allowlist/preview-allowlist";

/**
 * The impact preview of a draft entry, asked 350 ms after the last change. `loading` is on only while
 * a request for the current draft is pending: a draft changed meanwhile, or emptied, turns it off.
 */
export function useAllowlistPreview(draft: { conditions: unknown[] } & Record<string, unknown>) {
  const key = JSON.stringify({ ...draft, name: "" });
  const [preview, setPreview] = useState<AllowlistPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const body = JSON.parse(key) as { conditions: unknown[] };
    if (body.conditions.length === 0) {
      setPreview(null);
      setError(null);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      apiSend<{ preview: AllowlistPreview }>("/api/v1/allowlist/preview?days=7", "POST", body, ctrl.signal)
        .then((r) => {
          if (r.ok) {
            setPreview(r.data.preview);
            setError(null);
          } else setError(r.error);
          setLoading(false);
        })
        .catch(() => undefined);
    }, 350);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [key]);

  return { preview, error, loading };
}
