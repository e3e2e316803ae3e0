"use client";

import { useEffect, useRef, useState } from "react";
import { formatMinute } from "@/components/format";

export interface TimeWindowValue {
  from: string;
  to: string;
}

const STEPS = 240;

/**
 * A time window picked with two sliders (start, end) over `bounds`, plus presets. Keyboard: the
 * sliders' arrows move one step (1/240 of the bounds), Page Up/Down ten. The change is reported
 * once the thumb rests (300 ms), so dragging does not fetch at every pixel.
 */
export function WindowRange({ bounds, value, onChange, presets = [] }: { bounds: TimeWindowValue; value: TimeWindowValue; onChange: (v: TimeWindowValue) => void; presets?: { label: string; value: TimeWindowValue }[] }) {
  const min = Date.parse(bounds.from);
  const max = Math.max(Date.parse(bounds.to), min + 60_000);
  const step = (max - min) / STEPS;
  const toStep = (iso: string) => Math.round((Math.min(max, Math.max(min, Date.parse(iso))) - min) / step);
  const toIso = (s: number) => new Date(Math.round(min + s * step)).toISOString();
  const [draft, setDraft] = useState<[number, number]>([toStep(value.from), toStep(value.to)]);
  const reported = useRef(`${value.from}|${value.to}`);

  // A new window from outside (a preset, the URL) moves the thumbs.
  useEffect(() => {
    reported.current = `${value.from}|${value.to}`;
    setDraft([toStep(value.from), toStep(value.to)]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value.from, value.to, bounds.from, bounds.to]);

  useEffect(() => {
    const [a, b] = draft;
    const next = { from: a === toStep(value.from) ? value.from : toIso(a), to: b === toStep(value.to) ? value.to : toIso(b) };
    const key = `${next.from}|${next.to}`;
    if (key === reported.current) return;
    const t = setTimeout(() => {
      reported.current = key;
      onChange(next);
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  const [a, b] = draft;
  // A thumb resting where the window is shows the window's own instant, not the step's.
  const fromText = formatMinute(a === toStep(value.from) ? value.from : toIso(a));
  const toText = formatMinute(b === toStep(value.to) ? value.to : toIso(b));
  const left = (a / STEPS) * 100;
  const right = (b / STEPS) * 100;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs" role="group" aria-label="Time window">
      <span className="w-36 font-mono" data-testid="window-from">
        {fromText}
      </span>
      <div className="relative h-6 min-w-48 flex-1">
        <div className="absolute top-1/2 right-0 left-0 h-1 -translate-y-1/2 rounded bg-slate-200 dark:bg-slate-700" />
        <div className="absolute top-1/2 h-1 -translate-y-1/2 rounded bg-sky-600" style={{ left: `${left}%`, width: `${Math.max(0, right - left)}%` }} />
        <input
          type="range"
          aria-label="Window start"
          aria-valuetext={fromText}
          min={0}
          max={STEPS}
          value={a}
          onChange={(e) => setDraft(([, y]) => [Math.min(Number(e.target.value), y - 1), y])}
          className="range-thumb pointer-events-none absolute inset-0 w-full appearance-none bg-transparent"
        />
        <input
          type="range"
          aria-label="Window end"
          aria-valuetext={toText}
          min={0}
          max={STEPS}
          value={b}
          onChange={(e) => setDraft(([x]) => [x, Math.max(Number(e.target.value), x + 1)])}
          className="range-thumb pointer-events-none absolute inset-0 w-full appearance-none bg-transparent"
        />
      </div>
      <span className="w-36 text-right font-mono" data-testid="window-to">
        {toText}
      </span>
      {presets.map((p) => (
        <button key={p.label} type="button" onClick={() => onChange(p.value)} className="btn px-2 py-0.5 text-xs">
          {p.label}
        </button>
      ))}
    </div>
  );
}
