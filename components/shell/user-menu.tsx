"use client";

import { useState } from "react";
import { apiFetch, apiSend } from "@/components/api/client";
import { MenuButton } from "@/components/ui/menu-button";
import type { Theme } from "@/lib/validation/preferences";
import type { ShellUser } from "./shell";

const THEME_LABELS: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

/** The signed-in user: the theme (kept with the user: system, light or dark) and sign out. */
export function UserMenu({ user }: { user: ShellUser }) {
  const [theme, setTheme] = useState<Theme>(user.theme);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: Theme) {
    const before = theme;
    setTheme(next);
    document.documentElement.classList.remove("system", "light", "dark");
    document.documentElement.classList.add(next);
    try {
      await apiFetch("/api/v1/me", { method: "PATCH", body: { theme: next } });
      setError(null);
    } catch (e) {
      setError(`Theme not saved: ${(e as Error).message}`);
      setTheme(before);
      document.documentElement.classList.remove(next);
      document.documentElement.classList.add(before);
    }
  }

  async function signOut() {
    const res = await apiSend("/api/auth/logout", "POST");
    if (res.ok) window.location.assign("/login");
    else setError(`Not signed out: ${res.error}`);
  }

  return (
    <div className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-rose-500">
          {error}
        </span>
      )}
      <MenuButton
        menuLabel="User menu"
        align="right"
        buttonClassName="btn"
        label={
          <>
            <span className="sr-only">User menu: </span>
            <span className="max-w-48 truncate">{user.name ?? user.email}</span>
            <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700 dark:bg-slate-700 dark:text-slate-200">{user.role}</span>
          </>
        }
        items={[
          ...(["system", "light", "dark"] as const).map((t) => ({
            text: THEME_LABELS[t],
            label: (
              <span className="flex items-center justify-between">
                {THEME_LABELS[t]}
                {theme === t && <span aria-label="(current)">✓</span>}
              </span>
            ),
            onSelect: () => void choose(t),
          })),
          { label: "Sign out", onSelect: () => void signOut() },
        ]}
      />
    </div>
  );
}
