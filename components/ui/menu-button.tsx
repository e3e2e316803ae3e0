"use client";

import { useEffect, useId, useRef, useState } from "react";

export interface MenuItem {
  label: React.ReactNode;
  onSelect: () => void;
  /** Text used for type-ahead; defaults to the label when it is a string. */
  text?: string;
}

/**
 * A button that opens a menu, after the WAI-ARIA menu button pattern: Enter, Space or Down opens it
 * on the first item, Up on the last; Up/Down move (wrapping), Home/End, a letter jumps to the next
 * item starting with it; Escape closes it and gives focus back to the button, as does choosing an
 * item; Tab or a click elsewhere closes it.
 */
export function MenuButton({ label, items, disabled, buttonClassName = "btn", align = "left", menuLabel }: {
  label: React.ReactNode;
  items: MenuItem[];
  disabled?: boolean;
  buttonClassName?: string;
  align?: "left" | "right";
  menuLabel: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);

  const openAt = (i: number) => {
    setActive((i + items.length) % items.length);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const textOf = (m: MenuItem) => (m.text ?? (typeof m.label === "string" ? m.label : "")).toLowerCase();

  const onMenuKey = (e: React.KeyboardEvent) => {
    const n = items.length;
    if (e.key === "ArrowDown") setActive((a) => (a + 1) % n);
    else if (e.key === "ArrowUp") setActive((a) => (a - 1 + n) % n);
    else if (e.key === "Home") setActive(0);
    else if (e.key === "End") setActive(n - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") return setOpen(false);
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      const k = e.key.toLowerCase();
      const order = items.map((_, i) => (active + 1 + i) % n);
      const hit = order.find((i) => textOf(items[i]!).startsWith(k));
      if (hit === undefined) return;
      setActive(hit);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            openAt(0);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            openAt(items.length - 1);
          }
        }}
      >
        {label}
      </button>
      {open && (
        <div
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-label={menuLabel}
          onKeyDown={onMenuKey}
          className={`card absolute z-30 mt-1 w-52 p-1 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}
        >
          {items.map((m, i) => (
            <button
              key={i}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              onMouseEnter={() => setActive(i)}
              onClick={() => {
                close(true);
                m.onSelect();
              }}
              className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800"
            >
              {m.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
