"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { MovementPanel } from "@/components/movement/movement-panel";
import type { TimeWindowValue } from "@/components/movement/window-range";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** /movement's graph, its window kept in the URL, with a host or address filter. */
export function MovementExplorer({ window, hostId, ip }: { window: TimeWindowValue; hostId: string | null; ip: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [current, setCurrent] = useState(window);
  const [filter, setFilter] = useState({ hostId: hostId ?? "", ip: ip ?? "" });
  const [applied, setApplied] = useState({ hostId: hostId ?? "", ip: ip ?? "" });
  const end = Date.parse(current.to);
  const span = Math.max(HOUR, end - Date.parse(current.from));
  // The sliders reach three windows back and one forward (the presets end where the window ends).
  const bounds = { from: new Date(Date.parse(current.from) - 3 * span).toISOString(), to: new Date(end + span).toISOString() };
  const preset = (label: string, ms: number) => ({ label, value: { from: new Date(end - ms).toISOString(), to: new Date(end).toISOString() } });

  const push = (w: TimeWindowValue, f = applied) => {
    setCurrent(w);
    const q = new URLSearchParams({ from: w.from, to: w.to, ...(f.hostId ? { hostId: f.hostId } : {}), ...(f.ip ? { ip: f.ip } : {}) });
    router.replace(`${pathname}?${q}`, { scroll: false });
  };

  return (
    <div className="card space-y-3 p-3">
      <form
        className="flex flex-wrap items-end gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          const f = { hostId: filter.hostId.trim(), ip: filter.ip.trim() };
          setApplied(f);
          push(current, f);
        }}
      >
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Host id</span>
          <input value={filter.hostId} onChange={(e) => setFilter({ ...filter, hostId: e.target.value })} className="input w-48 !py-1 font-mono text-xs" placeholder="any host" />
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Address</span>
          <input value={filter.ip} onChange={(e) => setFilter({ ...filter, ip: e.target.value })} className="input w-40 !py-1 font-mono text-xs" placeholder="any address" />
        </label>
        <button type="submit" className="btn py-1 text-xs">
          Apply
        </button>
      </form>
      <MovementPanel
        scope={{ hostId: applied.hostId || undefined, ip: applied.ip || undefined }}
        bounds={bounds}
        window={current}
        onWindowChange={(w) => push(w)}
        presets={[preset("1 h", HOUR), preset("24 h", DAY), preset("7 d", 7 * DAY)]}
        height={640}
      />
    </div>
  );
}
