import Link from "next/link";

/** A whole-page message (not found, error) in the app's theme, with a way back. */
export function StatusPage({ code, title, children, actions }: { code: string; title: string; children?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4 py-10">
      <div className="card w-full max-w-lg px-6 py-10 text-center">
        <p className="font-mono text-xs tracking-widest text-slate-500 uppercase">{code}</p>
        <h1 className="mt-2 text-lg font-semibold">{title}</h1>
        {children && <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>}
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          {actions}
          <Link prefetch={false} href="/alerts" className="btn-primary">
            Back to alerts
          </Link>
        </div>
      </div>
    </main>
  );
}
