import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";

/** The alerts-list filters a value can go into: "filter for" (`key`) and "filter out" (`notKey`). */
export const VALUE_FILTERS = {
  host: { key: "host", notKey: "notHost", label: "host" },
  sourceIp: { key: "sourceIp", notKey: "notSourceIp", label: "source IP" },
  user: { key: "user", notKey: "notUser", label: "user" },
  process: { key: "process", notKey: "notProcess", label: "process" },
  rule: { key: "ruleId", notKey: "notRuleId", label: "rule" },
} as const;

export const filterHref = (key: string, value: string) => `/alerts?${new URLSearchParams({ [key]: value })}`;

/** Copy, and (when `filter` is given) "filter for" / "filter out" links into the alerts list. */
export function ValueActions({ value, label, filter }: { value: string; label: string; filter?: keyof typeof VALUE_FILTERS }) {
  const f = filter ? VALUE_FILTERS[filter] : null;
  const cls = "inline-flex h-5 items-center rounded px-1 text-[11px] text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100";
  return (
    <span className="ml-1 inline-flex items-center gap-0.5 align-middle">
      <CopyButton value={value} label={label} />
      {f && (
        <>
          <Link prefetch={false} href={filterHref(f.key, value)} className={cls} aria-label={`Filter for ${f.label} ${value}`} title={`Alerts with this ${f.label}`}>
            <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5">
              <circle cx="7" cy="7" r="5" />
              <path d="M7 4.5v5M4.5 7h5M11 11l3.5 3.5" />
            </svg>
          </Link>
          <Link prefetch={false} href={filterHref(f.notKey, value)} className={cls} aria-label={`Filter out ${f.label} ${value}`} title={`Alerts without this ${f.label}`}>
            <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5">
              <circle cx="7" cy="7" r="5" />
              <path d="M4.5 7h5M11 11l3.5 3.5" />
            </svg>
          </Link>
        </>
      )}
    </span>
  );
}
