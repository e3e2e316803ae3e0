import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ZodError } from "zod";
import { listAuditTrail, listAuditTrailActions } from "@/lib/audit/list-audit-trail";
import { DbError } from "@/lib/db/errors";
import { adminActor } from "../_components/admin-user";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { auditHref, readAuditUrl } from "./search-params";

export const metadata = { title: "Audit trail · Admin" };

const PAGE_SIZE = 50;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await adminActor("audit:read");
  if (!actor) return null;
  const state = readAuditUrl(await searchParams);
  const actions = await listAuditTrailActions({ actor });
  const filtered = Object.keys(state).some((k) => k !== "cursor");

  let body: React.ReactNode;
  let page: Awaited<ReturnType<typeof listAuditTrail>> | null = null;
  let invalid: ZodError | null = null;
  try {
    page = await listAuditTrail({ ...state, limit: PAGE_SIZE }, { actor });
  } catch (err) {
    if (err instanceof ZodError) invalid = err;
    else if (!(err instanceof DbError && err.code === "malformed_cursor")) throw err;
  }
  if (invalid) {
    body = (
      <div role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
        The filters are not valid: {invalid.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      </div>
    );
  } else if (!page) {
    body = <EmptyState title="This page link has expired">Start again from the newest entries.</EmptyState>;
  } else if (page.entries.length === 0) {
    body = (
      <EmptyState title={filtered ? "No entries match these filters" : "The audit trail is empty"}>
        {filtered ? "Widen the time range or clear a filter." : "Sign-ins and administrative changes appear here."}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <AuditTable entries={page.entries} />
        <nav aria-label="Audit pages" className="mt-3 flex items-center justify-between text-sm">
          {state.cursor ? (
            <Link className="btn" href={auditHref({ ...state, cursor: undefined })}>
              ← Newest entries
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link className="btn" href={auditHref({ ...state, cursor: page.nextCursor })}>
              Older entries →
            </Link>
          )}
        </nav>
      </>
    );
  }

  return (
    <>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        Every sign-in and administrative change, newest first. The trail is append-only: entries are never edited or removed.
      </p>
      <AuditFilters state={state} actions={actions} />
      {body}
    </>
  );
}
