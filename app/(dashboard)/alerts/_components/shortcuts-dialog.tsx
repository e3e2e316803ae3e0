"use client";

import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

const SHORTCUTS: [string, string][] = [
  ["j", "Next alert"],
  ["k", "Previous alert"],
  ["Enter", "Open the alert"],
  ["x", "Select / unselect the alert"],
  ["a", "Acknowledge the alert"],
  ["c", "Close the alert (asks the reason: 1–4 or arrows, then Enter)"],
  ["u", "Undo the last close or acknowledge (for 10 s)"],
  ["?", "Show this help"],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[5rem_1fr] gap-y-1.5 text-sm">
        {SHORTCUTS.map(([k, label]) => (
          <div key={k} className="contents">
            <dt>
              <Kbd>{k}</Kbd>
            </dt>
            <dd className="text-slate-600 dark:text-slate-300">{label}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex justify-end">
        <button type="button" className="btn" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
