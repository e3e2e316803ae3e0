"use client";

import { useEffect, useRef } from "react";

/** A modal dialog on the native <dialog> element: Escape and the backdrop close it. */
export function Dialog({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children: React.ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      className={`card m-auto w-full ${wide ? "max-w-xl" : "max-w-md"} p-0 text-slate-900 shadow-2xl backdrop:bg-black/60 dark:text-slate-100`}
    >
      {open && (
        <div className="p-4">
          <h2 className="mb-3 text-sm font-semibold">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
