import { AppError } from "./errors";

/** The client address: the last X-Forwarded-For hop, which our own server appends. */
export function clientIp(req: Request): string | null {
  const xff = req.headers.get("x-forwarded-for");
  if (xff) return xff.split(",").pop()!.trim() || null;
  return req.headers.get("x-real-ip");
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

export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `Body is not valid JSON: ${(err as Error).message}`);
  }
}

export function isSecureRequest(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto");
  if (proto) return proto.split(",")[0].trim() === "https";
  return new URL(req.url).protocol === "https:";
}
