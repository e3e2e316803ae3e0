import { AppError } from "./errors";
import { assertCleanJson, readBodyText } from "./input";

/**
 * The client address: X-Forwarded-For as the server in front of Next.js (lib/http/incoming.ts) left
 * it, one address (the peer, or what a TRUST_PROXY proxy said). The last hop is taken should a
 * request arrive some other way (`next dev` alone).
 */
export function clientIp(req: Request): string | null {
  const xff = req.headers.get("x-forwarded-for");
  return xff ? xff.split(",").pop()!.trim() || null : null;
}

/**
 * CSRF protection for cookie-authenticated writes: the request must come from our own origin
 * (Origin header, or Sec-Fetch-Site: same-origin), on top of the SameSite=Lax cookie.
 */
export function assertSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin) {
    try {
      if (new URL(origin).host === host) return;
    } catch {
      /* fall through */
    }
    throw new AppError("forbidden", "Cross-site request refused");
  }
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("forbidden", "Cross-site request refused (no Origin header)");
}

/**
 * For the sign-in form: a browser's cross-site post is refused (Origin of another site, or
 * Sec-Fetch-Site other than same-origin / none), and the body must be declared JSON, which a
 * cross-site HTML form cannot send without a preflight. A client that is no browser (no Origin,
 * no Sec-Fetch-Site) may sign in.
 */
export function assertNotCrossSiteForm(req: Request) {
  if (req.headers.get("origin") !== null) assertSameOrigin(req);
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw new AppError("forbidden", "Cross-site request refused");
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new AppError("bad_request", "Send the credentials as application/json");
}

/** A JSON body (at most 1 MB, valid UTF-8, no NUL or unpaired surrogate in any string); `{}` when empty. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req);
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `Body is not valid JSON: ${(err as Error).message}`);
  }
  assertCleanJson(value);
  return value;
}

export function isSecureRequest(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto");
  if (proto) return proto.split(",")[0].trim() === "https";
  return new URL(req.url).protocol === "https:";
}
