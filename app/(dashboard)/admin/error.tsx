"use client";

/** Shown when an admin page fails to load (database down, unexpected error). */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="card mx-auto mt-8 max-w-lg px-6 py-10 text-center">
      <h2 className="text-base font-semibold">This page could not be loaded</h2>
      <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
        {error.digest ? `The server reported an error (reference ${error.digest}).` : "The server could not be reached."} Try again in a moment.
      </p>
      <button type="button" className="btn mt-5" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
