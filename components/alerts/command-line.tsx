import { CopyButton } from "@/components/ui/copy-button";
import { findEncodedCommand } from "@/lib/alerts/powershell-encoded";

/**
 * A command line as text (wrapped, never markup), with a copy button; a PowerShell -EncodedCommand
 * argument is decoded (UTF-16LE base64) and shown beside it, also as text.
 */
export function CommandLine({ value, compact = false, testId = "command-line" }: { value: string | null | undefined; compact?: boolean; testId?: string }) {
  if (!value)
    return (
      <span data-testid={testId} className="text-slate-500">
        —
      </span>
    );
  const encoded = findEncodedCommand(value);
  return (
    <div className="min-w-0 space-y-1">
      <div className="flex items-start gap-1">
        <code data-testid={testId} className={`min-w-0 flex-1 font-mono break-all whitespace-pre-wrap ${compact ? "text-xs" : "text-[13px]"}`}>
          {value}
        </code>
        <CopyButton value={value} label="command line" />
      </div>
      {encoded && (
        <div data-testid="decoded-command" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-2 py-1">
          <div className="flex items-center gap-1 text-[11px] text-amber-700 dark:text-amber-300">
            <span>
              Decoded <span className="font-mono">{encoded.flag}</span> (UTF-16LE base64)
            </span>
            <CopyButton value={encoded.decoded} label="decoded command" />
          </div>
          <pre className="font-mono text-xs break-all whitespace-pre-wrap text-slate-800 dark:text-slate-100">{encoded.decoded}</pre>
        </div>
      )}
    </div>
  );
}
