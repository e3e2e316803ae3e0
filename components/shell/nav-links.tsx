"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/incidents", label: "Incidents" },
  { href: "/alerts", label: "Alerts" },
  { href: "/movement", label: "Movement" },
  { href: "/rules", label: "Rules" },
  { href: "/allowlists", label: "Allowlists" },
  { href: "/hunt", label: "Hunt" },
  { href: "/overview", label: "Overview" },
  { href: "/admin", label: "Admin", adminOnly: true },
];

export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-1 text-sm">
      {LINKS.filter((l) => !l.adminOnly || isAdmin).map((l) => {
        const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <Link
            key={l.href}
            href={l.href}
            // Every page is rendered per request: a prefetch is a whole server render the user may never ask for.
            prefetch={false}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-2.5 py-1.5 ${active ? "bg-slate-100 font-medium dark:bg-slate-800" : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
