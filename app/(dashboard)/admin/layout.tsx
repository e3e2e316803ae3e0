import { AdminTabs } from "@/components/admin/admin-tabs";
import { AdminsOnly } from "@/components/admin/admins-only";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/server-session";
import { mayEnterAdmin } from "./_components/admin-user";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (!mayEnterAdmin(user.role)) return <AdminsOnly role={user.role} />;
  return (
    <>
      <PageHeader title="Admin" />
      <AdminTabs />
      {children}
    </>
  );
}
