import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listEntries } from "@/lib/allowlist/read-allowlist";
import { ruleOptions } from "@/lib/allowlist/rule-options";
import { requireUser } from "@/lib/auth/server-session";
import { can } from "@/lib/auth/roles";
import { AllowlistTable } from "./_components/allowlist-table";
import { SavedNotice } from "./_components/saved-notice";

export const metadata = { title: "Allowlists" };

export default async function AllowlistsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, sp] = await Promise.all([requireUser(), searchParams]);
  const canWrite = can(user.role, "allowlist:write");
  const now = new Date();
  const entries = await listEntries(now);
  const ruleNames = Object.fromEntries((await ruleOptions()).map((r) => [r.ruleId, r.name]));
  return (
    <>
      <PageHeader title="Allowlists">
        {canWrite && (
          <Link prefetch={false} href="/allowlists/new" className="btn-primary">
            New entry
          </Link>
        )}
      </PageHeader>
      <p className="-mt-2 mb-4 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
        Events matching every condition of an active entry are removed before sequencing, so they never alert. Entries can also close the
        open alerts they match.{!canWrite && " Your role can view entries but not change them."}
      </p>
      <SavedNotice saved={typeof sp.saved === "string" ? sp.saved : null} closed={typeof sp.closed === "string" ? Number(sp.closed) : 0} />
      {entries.length === 0 ? (
        <EmptyState title="No allowlist entries">Create one from scratch, or from an alert to prefill its source IP, user and process.</EmptyState>
      ) : (
        <AllowlistTable entries={entries} ruleNames={ruleNames} canWrite={canWrite} now={now.getTime()} />
      )}
    </>
  );
}
