import Link from "next/link";

/** What a signed-in non-admin sees on any admin page (the API answers them 403). */
export function AdminsOnly({ role }: { role: string }) {
  return (
    <div className="card mx-auto mt-16 max-w-lg px-6 py-12 text-center" role="alert" aria-labelledby="admins-only-title">
      <div aria-hidden className="mx-auto mb-4 flex h-10 w-10 items-center justify-center rounded-full bg-amber-500/15 text-amber-600">
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <rect x="4" y="11" width="16" height="10" rx="2" />
          <path d="M8 11V7a4 4 0 0 1 8 0v4" />
        </svg>
      </div>
      <h1 id="admins-only-title" className="text-lg font-semibold">
        Admins only
      </h1>
      <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
        User management, API keys and the audit trail are available to administrators. You are signed in with the{" "}
        <span className="font-medium text-slate-700 dark:text-slate-200">{role}</span> role; ask an administrator if you need access.
      </p>
      <Link href="/alerts" className="btn mt-6">
        Back to alerts
      </Link>
    </div>
  );
}
