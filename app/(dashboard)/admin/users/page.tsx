import { listUsers } from "@/lib/users/list-users";
import { adminActor } from "../_components/admin-user";
import { UsersView } from "./_components/users-view";

export const metadata = { title: "Users · Admin" };

export default async function AdminUsersPage() {
  const actor = await adminActor("users:write");
  if (!actor) return null;
  const users = await listUsers({}, { actor });
  return <UsersView initialUsers={users} currentUserId={actor.id} now={Date.now()} />;
}
