import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { importRules } from "@/lib/rules/import-rules";

export const dynamic = "force-dynamic";

/** `{"files":[{"name","content"}]}`: Elastic detection-rules TOML files (admins). Each file's outcome. */
export const POST = handler("rules:write", async ({ req, actor }) =>
  json(await importRules(await readJson(req), { actor, ip: clientIp(req) })),
);
