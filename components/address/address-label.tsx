import Link from "next/link";
import { hostHref, ipHref } from "@/components/alerts/format";
import type { AddressInfoJson } from "@/lib/movement/types";

const link = "font-mono text-sky-600 hover:underline dark:text-sky-400";

/**
 * The words beside an address, as plain text (titles, exports): "10.20.1.21 · SRV-FILE-01",
 * "10.20.1.21 · SRV-A / SRV-B (2 owners)", "10.20.1.21 · unknown host", "8.8.8.8 · external".
 */
export function addressText(info: AddressInfoJson): string {
  const names = info.owners.map((o) => o.hostName ?? o.hostId);
  if (info.kind === "host" || info.kind === "ambiguous") return `${info.ip} · ${names.join(" / ")}${names.length > 1 ? ` (${names.length} owners)` : ""}`;
  return `${info.ip} · ${info.kind === "external" ? "external" : "unknown host"}`;
}

export interface AddressLabelProps {
  ip: string;
  /** How the address reads (from the API). Absent: only the address is shown. */
  info?: AddressInfoJson | null;
  /** Query string kept on the links (a time window). */
  query?: string;
  /** Link the address to its source-IP page (default true). */
  linkIp?: boolean;
  className?: string;
}

/**
 * An address with the host behind it: "10.20.1.21 · SRV-FILE-01" (both linked); every owner and
 * "2 owners" when two hosts held it in the window (never one of them hidden); "unknown host" for an
 * internal address no host reported; "external" for a public one. Host names are React text.
 */
export function AddressLabel({ ip, info, query = "", linkIp = true, className = "" }: AddressLabelProps) {
  const q = query ? `?${query}` : "";
  const address = linkIp ? (
    <Link prefetch={false} href={`${ipHref(ip)}${q}`} className={link}>
      {ip}
    </Link>
  ) : (
    <span className="font-mono">{ip}</span>
  );
  let owner: React.ReactNode = null;
  if (info && (info.kind === "host" || info.kind === "ambiguous") && info.owners.length > 0) {
    owner = (
      <>
        {info.owners.map((o, i) => (
          <span key={o.hostId}>
            {i > 0 && <span className="text-slate-500"> / </span>}
            <Link prefetch={false} href={`${hostHref(o.hostId)}${q}`} data-address-owner="host" className={link}>
              {o.hostName ?? o.hostId}
            </Link>
          </span>
        ))}
        {info.owners.length > 1 && (
          <span data-address-owner="ambiguous" className="rounded bg-amber-400/20 px-1 text-[11px] text-amber-800 ring-1 ring-amber-500/40 dark:text-amber-300">
            {info.owners.length} owners
          </span>
        )}
      </>
    );
  } else if (info) {
    const external = info.kind === "external";
    owner = (
      <span data-address-owner={external ? "external" : "unknown"} className={external ? "text-amber-700 dark:text-amber-400" : "text-slate-600 italic dark:text-slate-300"}>
        {external ? "external" : "unknown host"}
      </span>
    );
  }
  return (
    <span data-testid="address-label" title={info ? addressText(info) : ip} className={`inline-flex min-w-0 flex-wrap items-baseline gap-x-1 ${className}`}>
      {address}
      {owner && (
        <>
          {" "}
          <span aria-hidden className="text-slate-500">
            ·
          </span>{" "}
          {owner}
        </>
      )}
    </span>
  );
}
