"use client";

import { StatusPage } from "./status-page";

/** What an error boundary shows: the server's reference, "Try again", and the way back. */
export function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="This page could not be loaded"
      actions={
        <button type="button" className="btn" onClick={reset}>
          Try again
        </button>
      }
    >
      {error.digest ? `The server reported an error (reference ${error.digest}).` : "The server could not be reached."} Try again in a moment.
    </StatusPage>
  );
}
