import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { exportHunt } from "@/lib/hunt/export-hunt";

/** Runs a hunt and answers its results as a file: `?format=ndjson` (default) or `csv`. */
export const POST = handler("read", async ({ req, actor }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "ndjson";
  const file = await exportHunt(await readJson(req), format, { actor, ip: clientIp(req) });
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "x-hunt-truncated": String(file.truncated),
    },
  });
});
