"use client";

import { useEffect, useRef, useState } from "react";
import type { ShellUser } from "./shell";

export function UserMenu({ user }: { user: ShellUser }) {
  const [open, setOpen] = useState(false);
  const [dark, setDark] = useState(true);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setDark(document.documentElement.classList.contains("dark"));
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, []);

  function toggleTheme() {
    const next = !dark;
    setDark(next);
    document.documentElement.classList.toggle("dark", next);
    document.cookie = `theme=${next ? "dark" : "light"}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }

  async function signOut() {
    await fetch("/api/auth/logout", { method: "POST" });
    window.location.assign("/login");
  }

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="User menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="max-w-48 truncate">{user.name ?? user.email}</span>
        <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700 dark:bg-slate-700 dark:text-slate-200">{user.role}</span>
      </button>
      {open && (
        <div role="menu" className="card absolute right-0 mt-1 w-56 p-1 text-sm shadow-lg">
          <div className="truncate px-3 py-2 text-xs text-slate-500">{user.email}</div>
          <button role="menuitem" type="button" onClick={toggleTheme} className="w-full rounded px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800">
            {dark ? "Light theme" : "Dark theme"}
          </button>
          <button role="menuitem" type="button" onClick={signOut} className="w-full rounded px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800">
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
