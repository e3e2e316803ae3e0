import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { listDeadLetters } from "@/lib/notify/read-destinations";

export const GET = handler("notifications:manage", async ({ actor }) => json({ deadLetters: await listDeadLetters({ actor }) }));
