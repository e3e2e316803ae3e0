import { Shell } from "@/components/shell/shell";
import { requireUser } from "@/lib/auth/server-session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <Shell user={{ email: user.email, name: user.name, role: user.role, theme: user.theme }}>{children}</Shell>;
}
