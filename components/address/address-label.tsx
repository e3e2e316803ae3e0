import Link from "next/link";
import { hostHref, ipHref } from "@/components/alerts/format";
import { addressScope, addressText, type AddressOwner } from "./address-scope";

const link = "font-mono text-sky-600 hover:underline dark:text-sky-400";

export interface AddressLabelProps {
  ip: string;
  /**
   * The hosts that held the address (when the event happened, or in the window). `undefined`: not
   * known to the caller, so the address alone is shown.
   */
  owners?: AddressOwner[] | null;
  /** Query string kept on the links (a time window). */
  query?: string;
  /** Link the address to its source-IP page (default true). */
  linkIp?: boolean;
  className?: string;
}

/**
 * An address with the host behind it: "10.20.1.21 · SRV-FILE-01" (both linked), "10.20.1.21 ·
 * SRV-A / SRV-B" with "2 owners" when two hosts held it in the window, "… · unknown host" for an
 * internal address no host of ours reported, "… · external" for a public one. Names are React text.
 */
export function AddressLabel({ ip, owners, query = "", linkIp = true, className = "" }: AddressLabelProps) {
  const q = query ? `?${query}` : "";
  const address = linkIp ? (
    <Link prefetch={false} href={`${ipHref(ip)}${q}`} className={link}>
      {ip}
    </Link>
  ) : (
    <span className="font-mono">{ip}</span>
  );
  let owner: React.ReactNode = null;
  if (owners === null || (owners && owners.length === 0)) {
    const external = addressScope(ip) === "external";
    owner = (
      <span data-address-owner={external ? "external" : "unknown"} className={external ? "text-amber-700 dark:text-amber-400" : "text-slate-500 italic dark:text-slate-400"}>
        {external ? "external" : "unknown host"}
      </span>
    );
  } else if (owners) {
    owner = (
      <>
        {owners.map((o, i) => (
          <span key={o.id}>
            {i > 0 && <span className="text-slate-500"> / </span>}
            <Link prefetch={false} href={`${hostHref(o.id)}${q}`} data-address-owner="host" className={link}>
              {o.name ?? o.id}
            </Link>
          </span>
        ))}
        {owners.length > 1 && <span className="ml-1 rounded bg-amber-400/20 px-1 text-[11px] text-amber-800 ring-1 ring-amber-500/40 dark:text-amber-300">{owners.length} owners</span>}
      </>
    );
  }
  return (
    <span data-testid="address-label" title={owners === undefined ? ip : addressText(ip, owners ?? [])} className={`inline-flex min-w-0 flex-wrap items-baseline gap-x-1 ${className}`}>
      {address}
      {owner && (
        <>
          <span aria-hidden className="text-slate-400">
            ·
          </span>
          {owner}
        </>
      )}
    </span>
  );
}
