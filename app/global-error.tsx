"use client";

import "./globals.css";
import { ErrorPage } from "@/components/ui/error-page";

/** The root layout itself failed: the page has to bring its own <html> (system theme). */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className="system">
      <body className="min-h-screen font-sans antialiased">
        <ErrorPage {...props} />
      </body>
    </html>
  );
}
