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
  // A new window from outside (a preset, the URL) moves the thumbs.
  const outside = `${value.from}|${value.to}|${bounds.from}|${bounds.to}`;
  const [shown, setShown] = useState(outside);
  if (shown !== outside) {
    setShown(outside);
    setDraft([toStep(value.from), toStep(value.to)]);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const move = (next: [number, number]) => {
    setDraft(next);
    clearTimeout(timer.current);
    const w = { from: next[0] === toStep(value.from) ? value.from : toIso(next[0]), to: next[1] === toStep(value.to) ? value.to : toIso(next[1]) };
    if (w.from !== value.from || w.to !== value.to) timer.current = setTimeout(() => onChange(w), 300);
  };

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
        <Thumb label="Window start" text={fromText} value={a} onChange={(v) => move([Math.min(v, b - 1), b])} />
        <Thumb label="Window end" text={toText} value={b} onChange={(v) => move([a, Math.max(v, a + 1)])} />
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

function Thumb({ label, text, value, onChange }: { label: string; text: string; value: number; onChange: (step: number) => void }) {
  return (
    <input
      type="range"
      aria-label={label}
      aria-valuetext={text}
      min={0}
      max={STEPS}
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
      className="range-thumb pointer-events-none absolute inset-0 w-full appearance-none bg-transparent"
    />
  );
}
