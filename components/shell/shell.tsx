import Link from "next/link";
import { can, type Role } from "@/lib/auth/roles";
import type { Theme } from "@/lib/validation/preferences";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  email: string;
  name: string | null;
  role: string;
  theme: Theme;
}

export function Shell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
        <div className="flex h-12 items-center gap-6 px-4">
          <Link prefetch={false} href="/alerts" className="font-semibold tracking-tight">
            Lateral
          </Link>
          <NavLinks isAdmin={can(user.role as Role, "users:write")} />
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </div>
      </header>
      <main className="flex-1 px-4 py-4">{children}</main>
    </div>
  );
}
