"use client";

import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog on the native <dialog> element: Escape and the backdrop close it; focus moves into
 * it on open and goes back to whatever had it before (the button that opened it) on close.
 */
export function Dialog({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children: React.ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
    if (!open && opener.current) {
      const back = opener.current;
      opener.current = null;
      if (back.isConnected) back.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      className={`card m-auto w-full ${wide ? "max-w-xl" : "max-w-md"} p-0 text-slate-900 shadow-2xl backdrop:bg-black/60 dark:text-slate-100`}
    >
      {open && (
        <div className="p-4">
          <h2 id={titleId} className="mb-3 text-sm font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
