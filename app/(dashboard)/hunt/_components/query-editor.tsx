"use client";

import { useId, useMemo } from "react";
import { checkHuntQuery } from "@/lib/hunt/compile-hunt";

/**
 * The EQL editor: a plain textarea (monospace, no spell check) with the engine's own check under it
 * as you type: the error, its line and column, and the line with a caret under the spot. Ctrl+Enter
 * (or ⌘+Enter) runs the hunt.
 */
export function QueryEditor({ value, onChange, onRun }: { value: string; onChange: (v: string) => void; onRun: () => void }) {
  const id = useId();
  const problem = useMemo(() => (value.trim() ? checkHuntQuery(value) : { message: "write an EQL query", line: 1, column: 1 }), [value]);
  const lines = value.split("\n");
  const rows = Math.min(14, Math.max(4, lines.length + 1));
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-500">
        EQL query <span className="font-normal">(event query or sequence; Ctrl+Enter runs it)</span>
      </label>
      <textarea
        id={id}
        value={value}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-status`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onRun();
          }
        }}
        className={`input font-mono text-[13px] leading-5 ${problem ? "border-rose-400 dark:border-rose-700" : ""}`}
      />
      <div id={`${id}-status`} role="status" aria-live="polite" data-testid="query-status" className="mt-1 min-h-5 text-xs">
        {problem ? (
          <div className="text-rose-600 dark:text-rose-300">
            <span className="font-medium">
              Line {problem.line}, column {problem.column}:
            </span>{" "}
            {problem.message}
            {lines[problem.line - 1] !== undefined && value.trim() && (
              <pre aria-hidden className="mt-1 overflow-x-auto font-mono text-[12px] leading-4 text-slate-600 dark:text-slate-300">
                {lines[problem.line - 1]}
                {"\n"}
                {" ".repeat(Math.max(0, problem.column - 1))}^
              </pre>
            )}
          </div>
        ) : (
          <span className="text-emerald-700 dark:text-emerald-400">Valid EQL</span>
        )}
      </div>
    </div>
  );
}
