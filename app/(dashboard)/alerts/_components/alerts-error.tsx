"use client";

import type { AlertsUrlState, FilterKey } from "../search-params";

/**
 * The list could not be loaded: the API's message, and the way out that fits it. A refused filter
 * or cursor hides the previous results (they no longer answer what the URL asks).
 */
export function AlertsError({ error, state, onChange, onRetry }: { error: string; state: AlertsUrlState; onChange: (c: Record<string, string | null>) => void; onRetry: () => void }) {
  const field = /^([a-zA-Z]+):/.exec(error)?.[1];
  const badFilter = field && field in state.filters ? (field as FilterKey) : null;
  const badCursor = field === "cursor" && state.cursor;
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-4 py-10 text-center text-sm">
      <p className="text-red-600 dark:text-red-400">
        {badFilter ? "This filter was refused" : badCursor ? "This page link no longer works" : "Could not load alerts"}: {error}
      </p>
      <div className="flex gap-2">
        {badCursor && (
          <button type="button" className="btn" onClick={() => onChange({ cursor: null })}>
            First page
          </button>
        )}
        {badFilter && (
          <button type="button" className="btn" onClick={() => onChange({ [badFilter]: null })}>
            Remove this filter
          </button>
        )}
        {!badFilter && !badCursor && (
          <button type="button" className="btn" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}
