import { formatTime } from "@/components/format";
import { getWorkerStatus, type ShardState } from "@/lib/health/get-health";

const LABEL: Record<ShardState, string> = { running: "running", stopped: "stopped", silent: "silent", missing: "not seen" };

/** The detection worker shards and their heartbeats, as /api/health reports them to an admin. */
export async function WorkerStatus() {
  const { ok, shards } = await getWorkerStatus();
  return (
    <div className="card flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 text-sm" data-testid="worker-status">
      <span className="flex items-center gap-2 font-medium">
        <span className={`h-2.5 w-2.5 rounded-full ${ok ? "bg-emerald-500" : "bg-amber-500"}`} aria-hidden />
        Detection worker {ok ? "running" : shards.length === 1 ? LABEL[shards[0].state] : "needs attention"}
      </span>
      {shards.map((s) => (
        <span key={s.shard} className="text-xs text-slate-500">
          {shards.length > 1 && `shard ${s.shard} ${LABEL[s.state]}: `}
          last heartbeat {formatTime(s.lastHeartbeatAt)}
          {s.heartbeatAgeSeconds != null && ` (${s.heartbeatAgeSeconds} s ago)`}
        </span>
      ))}
    </div>
  );
}
