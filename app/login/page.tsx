import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { currentUser } from "@/lib/auth/server-session";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const safeNext = safeNextPath(next);
  if (await currentUser()) redirect(safeNext);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6">
          <div className="text-2xl font-semibold tracking-tight">Lateral</div>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Lateral movement over WinRM: detection and triage</p>
        </div>
        <LoginForm next={safeNext} />
      </div>
    </main>
  );
}
