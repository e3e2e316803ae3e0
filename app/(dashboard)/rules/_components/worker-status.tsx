import { formatTime } from "@/components/format";
import { getHealth } from "@/lib/health/get-health";

/** The detection worker's heartbeat, as /api/health reports it. */
export async function WorkerStatus() {
  const health = await getHealth();
  const w = health.worker;
  const ok = w?.ok ?? false;
  return (
    <div className="card flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm" data-testid="worker-status">
      <span className="flex items-center gap-2 font-medium">
        <span className={`h-2.5 w-2.5 rounded-full ${ok ? "bg-emerald-500" : "bg-amber-500"}`} aria-hidden />
        Detection worker {ok ? "running" : w?.lastHeartbeatAt ? "stale" : "not seen"}
      </span>
      <span className="text-xs text-slate-500">
        Last heartbeat {formatTime(w?.lastHeartbeatAt)}
        {w?.heartbeatAgeSeconds != null && ` (${w.heartbeatAgeSeconds} s ago)`}
      </span>
      <span className="text-xs text-slate-500">{w?.workers.length ?? 0} worker(s)</span>
    </div>
  );
}
