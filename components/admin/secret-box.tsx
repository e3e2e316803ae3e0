"use client";

import { useState } from "react";

/** A secret (password or API key) shown once: monospace, selectable, with a copy button. */
export function SecretBox({ label, value, warning }: { label: string; value: string; warning: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="space-y-2">
      <div role="note" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-800 dark:text-amber-200">
        {warning}
      </div>
      <label className="block text-xs font-medium text-slate-500 dark:text-slate-400" htmlFor="secret-value">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id="secret-value"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="input font-mono text-xs"
          spellCheck={false}
          autoComplete="off"
        />
        <button type="button" className="btn shrink-0" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" && <p className="text-xs text-rose-600 dark:text-rose-400">Copy failed: select the text and copy it by hand.</p>}
    </div>
  );
}
